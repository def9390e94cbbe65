//! Stage 4: the Word template engine. (Being built.)
