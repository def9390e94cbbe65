//! The serialisable views each default document template sees, and the default templates.
//! (Being built.)

/// The default Word templates shipped inside the binary: `(file name, bytes)`.
#[must_use]
pub fn default_templates() -> &'static [(&'static str, &'static [u8])] {
    &[]
}
