//! The spreadsheet import on any bytes (CSV in any encoding and separator, or what claims to be
//! XLSX or ODS): reading and planning against the Sondrio sample never panic, and every problem
//! found says where and what in Italian.

#![no_main]

use std::sync::OnceLock;

use commissione::domain::Workspace;
use commissione::import::{Books, applications, scores, table};
use libfuzzer_sys::fuzz_target;

fn workspace() -> &'static Workspace {
    static WS: OnceLock<Workspace> = OnceLock::new();
    WS.get_or_init(|| {
        let temp = tempfile::tempdir().expect("a temporary folder");
        commissione::samples::write("sondrio-coworking", temp.path()).expect("the sample");
        commissione::workspace::load(temp.path())
            .workspace
            .expect("the sample loads")
    })
}

fuzz_target!(|data: &[u8]| {
    let ws = workspace();
    let Ok(book) = table::from_bytes("fuzz.csv", data) else {
        return;
    };
    let plan = scores::plan(ws, &book);
    for p in plan.errors() {
        assert!(!p.message.is_empty());
    }
    for books in [
        Books {
            applications: Some(&book),
            budget: None,
            cofinancing: None,
        },
        Books {
            applications: None,
            budget: Some(&book),
            cofinancing: Some(&book),
        },
    ] {
        let plan = applications::plan(ws, books);
        for p in plan.errors() {
            assert!(!p.message.is_empty());
        }
    }
});
