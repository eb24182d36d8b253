//! The call's folder on disk: loading every file with each error in its place, and saving
//! atomically in a deterministic text form.

pub mod fault;
pub mod files;
mod load;
mod locate;
mod messages;
mod problem;
mod ron_error;
mod save;
pub mod sheet_log;
mod sheet_text;

pub use load::{Loaded, Sources, load};
pub use problem::{Position, Problem};
pub use save::{
    SaveError, Store, create_folders, sealed_pdf_path, to_text, write_atomic, write_new,
};
pub use sheet_text::sheet_text;
pub mod guard;
pub mod journal;
pub mod lock;
pub mod os_error;
pub mod travel;
pub mod tx;
