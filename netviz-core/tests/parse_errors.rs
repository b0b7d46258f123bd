//! Syntax errors in the middle of a `network!` body must keep their own
//! message, just as they do at the end of the body.

use netviz_core::dsl::build_str;

/// The messages of a source that must not parse.
fn messages(source: &str) -> Vec<String> {
    match build_str(source) {
        Ok(_) => panic!("`{source}` should fail to parse"),
        Err(errors) => errors.into_iter().map(|e| e.message).collect(),
    }
}

#[test]
fn missing_alias_at_end_of_body() {
    let all = messages("input(4) => dense(4) as");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(all[0].contains("expected a name after `as`"), "{all:#?}");
}

#[test]
fn missing_alias_mid_body() {
    let all = messages("input(4) => dense(4) as => relu");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(all[0].contains("expected a name after `as`"), "{all:#?}");
}

#[test]
fn camel_case_layer_with_arguments() {
    let all = messages("input(4) => Dense(4)");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(all[0].contains("looks like a model type"), "{all:#?}");
}

#[test]
fn statement_starting_with_arrow() {
    let all = messages("input(4) => dense(4); => relu");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(all[0].contains("expected a layer"), "{all:#?}");
}
