//! A new call: the start screen's choices and the templates.
