//! The serialisable views each default document template sees. (Being built.)
