//! Tensor shapes without the batch dimension, and overflow-checked size arithmetic.

use std::fmt;

/// A tensor shape without the batch dimension, channels last as in Keras.
///
/// `[28, 28, 1]` is a 28×28 image with one channel, `[100, 8]` is 100 steps of
/// 8 channels and `[784]` is a flat vector.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Shape(pub Vec<u64>);

impl Shape {
    /// Creates a shape from its dimensions.
    pub fn new(dims: impl Into<Vec<u64>>) -> Self {
        Shape(dims.into())
    }

    /// Returns the dimensions, outermost first.
    pub fn dims(&self) -> &[u64] {
        &self.0
    }

    /// Returns the number of dimensions, not counting the batch.
    pub fn rank(&self) -> usize {
        self.0.len()
    }

    /// Returns the last dimension: the channels of an image or sequence, the units of a vector.
    pub fn channels(&self) -> u64 {
        self.0.last().copied().unwrap_or(1)
    }

    /// Returns the dimensions before the channels.
    pub fn spatial(&self) -> &[u64] {
        match self.0.split_last() {
            Some((_, rest)) => rest,
            None => &[],
        }
    }

    /// Returns the number of elements, or `None` when it does not fit in a `u64`.
    pub fn elements(&self) -> Option<u64> {
        checked_product(&self.0)
    }

    /// Formats the shape as Keras prints it, with the batch dimension: `(None, 28, 28, 1)`.
    pub fn keras(&self) -> String {
        let mut text = String::from("(None");
        for dim in &self.0 {
            text.push_str(", ");
            text.push_str(&dim.to_string());
        }
        text.push(')');
        text
    }

    /// Formats the shape compactly: `28×28×1`.
    pub fn compact(&self) -> String {
        let parts: Vec<String> = self.0.iter().map(u64::to_string).collect();
        parts.join("×")
    }
}

impl fmt::Display for Shape {
    /// Writes the compact form, `28×28×1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.compact())
    }
}

impl From<Vec<u64>> for Shape {
    fn from(dims: Vec<u64>) -> Self {
        Shape(dims)
    }
}

impl From<&[u64]> for Shape {
    fn from(dims: &[u64]) -> Self {
        Shape(dims.to_vec())
    }
}

/// Multiplies all values, or returns `None` on overflow. The empty product is 1.
pub fn checked_product(values: &[u64]) -> Option<u64> {
    values.iter().try_fold(1u64, |acc, &v| acc.checked_mul(v))
}

/// Adds all values, or returns `None` on overflow.
pub fn checked_sum(values: &[u64]) -> Option<u64> {
    values.iter().try_fold(0u64, |acc, &v| acc.checked_add(v))
}

/// Formats an integer with thousands separators: `1256080` becomes `1,256,080`.
pub fn group_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_keras_and_compact() {
        let shape = Shape::new(vec![28, 28, 1]);
        assert_eq!(shape.keras(), "(None, 28, 28, 1)");
        assert_eq!(shape.compact(), "28×28×1");
        assert_eq!(shape.spatial(), &[28, 28]);
        assert_eq!(shape.channels(), 1);
    }

    #[test]
    fn product_overflow_is_none() {
        assert_eq!(checked_product(&[u64::MAX, 2]), None);
        assert_eq!(checked_product(&[]), Some(1));
        assert_eq!(Shape::new(vec![7, 7, 50]).elements(), Some(2450));
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
        assert_eq!(group_thousands(138_357_544), "138,357,544");
        assert_eq!(group_thousands(u64::MAX), "18,446,744,073,709,551,615");
    }
}
