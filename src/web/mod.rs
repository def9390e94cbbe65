//! `chibo giao-dien`: the local web page.
