//! Colours and sizes shared by the layout and both writers.

use crate::network::LayerKind;

use super::Theme;

/// Font sizes in layout units (CSS pixels).
pub(crate) const TITLE_SIZE: f64 = 18.0;
pub(crate) const SUBTITLE_SIZE: f64 = 12.0;
pub(crate) const HEADER_SIZE: f64 = 13.0;
pub(crate) const BODY_SIZE: f64 = 11.5;
pub(crate) const LEGEND_SIZE: f64 = 11.5;
pub(crate) const CLUSTER_LABEL_SIZE: f64 = 11.5;

/// Stroke widths in layout units.
pub(crate) const BOX_STROKE: f64 = 1.25;
pub(crate) const EDGE_STROKE: f64 = 1.25;
pub(crate) const CLUSTER_STROKE: f64 = 1.0;

/// Arrowhead length and half width in layout units.
pub(crate) const ARROW_LENGTH: f64 = 7.0;
pub(crate) const ARROW_HALF_WIDTH: f64 = 3.5;

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    const fn hex(value: u32) -> Rgb {
        Rgb((value >> 16) as u8, (value >> 8) as u8, value as u8)
    }

    /// Mixes `self` with `other`, taking `amount` (0 to 1) of `other`.
    fn mix(self, other: Rgb, amount: f64) -> Rgb {
        let channel =
            |a: u8, b: u8| (f64::from(a) * (1.0 - amount) + f64::from(b) * amount).round() as u8;
        Rgb(
            channel(self.0, other.0),
            channel(self.1, other.1),
            channel(self.2, other.2),
        )
    }

    /// Formats the colour as CSS `#rrggbb`.
    pub(crate) fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The colours of one theme.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Palette {
    pub background: Rgb,
    pub text: Rgb,
    pub muted_text: Rgb,
    pub edge: Rgb,
    pub cluster: Rgb,
    theme: Theme,
}

impl Palette {
    pub(crate) fn new(theme: Theme) -> Palette {
        match theme {
            Theme::Light => Palette {
                background: Rgb::hex(0xffffff),
                text: Rgb::hex(0x1f2328),
                muted_text: Rgb::hex(0x59636e),
                edge: Rgb::hex(0x4b535d),
                cluster: Rgb::hex(0x6e7781),
                theme,
            },
            Theme::Dark => Palette {
                background: Rgb::hex(0x16191d),
                text: Rgb::hex(0xe6edf3),
                muted_text: Rgb::hex(0xa3adb8),
                edge: Rgb::hex(0xa3adb8),
                cluster: Rgb::hex(0x8b949e),
                theme,
            },
        }
    }

    /// The border colour of a box of this kind.
    pub(crate) fn border(&self, kind: LayerKind) -> Rgb {
        let (light, dark) = match kind {
            LayerKind::Input => (0x5f6368, 0x9aa0a6),
            LayerKind::Convolution => (0x2b6cb0, 0x63a4e8),
            LayerKind::Pooling => (0x2f855a, 0x5cc08a),
            LayerKind::Dense => (0xc05621, 0xf0904f),
            LayerKind::Normalization => (0x6b46c1, 0xa88bec),
            LayerKind::Activation => (0xa9741a, 0xe0b44f),
            LayerKind::Regularization => (0x8b5a3c, 0xc99472),
            LayerKind::Reshaping => (0x2c7a7b, 0x5fc4c5),
            LayerKind::Merge => (0xb83280, 0xe66fb1),
            LayerKind::Model => (0x4a5568, 0xa0aec0),
        };
        match self.theme {
            Theme::Light => Rgb::hex(light),
            Theme::Dark => Rgb::hex(dark),
        }
    }

    /// The fill colour of a box of this kind: its border colour washed towards the background.
    pub(crate) fn fill(&self, kind: LayerKind) -> Rgb {
        let tint = match self.theme {
            Theme::Light => 0.14,
            Theme::Dark => 0.24,
        };
        self.background.mix(self.border(kind), tint)
    }
}
