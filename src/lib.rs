//! Commissione: the evaluation of applications to an Italian municipality's co-design call.
//!
//! Data takes one road: files → [`workspace::load`] → [`domain::Workspace`] →
//! [`rules::evaluate`] → [`rules::Evaluation`] → the window, the command line or the minutes.
//! `domain` and `rules` know nothing of files, windows or PDF.

pub mod access;
pub mod anchor;
pub mod app;
pub mod cli;
pub mod coverage;
pub mod documents;
pub mod domain;
pub mod editor;
pub mod import;
pub mod italian;
pub mod minutes;
mod parallel;
pub mod pdf_check;
pub mod platform;
pub mod record;
pub mod rules;
pub mod samples;
pub mod seal;
pub mod templates;
pub mod workspace;
