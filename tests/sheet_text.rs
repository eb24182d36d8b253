//! The direct writer of score sheets (`workspace::sheet_text`) against the general one
//! (`to_text::<SheetFile>`, pretty RON): the same bytes on every sample's sheets, on the large
//! synthetic call's, and on random sheets with any text in their reasons and notes. What it
//! writes must also read back as the same sheet.

use commissione::domain::{
    Conflict, ConflictKind, CriterionId, Declaration, MemberId, Points, Protocol, Score, ScoreSheet,
};
use commissione::samples::large::{Size, generate};
use commissione::workspace::files::SheetFile;
use commissione::workspace::{self, sheet_text, to_text};
use proptest::prelude::*;

fn same_bytes(sheet: &ScoreSheet) {
    assert_eq!(
        sheet_text(sheet),
        to_text::<SheetFile>(sheet.clone()).expect("the general writer"),
        "sheet of {}",
        sheet.member
    );
}

#[test]
fn every_sample_sheet_is_written_as_the_general_writer_writes_it() {
    for name in commissione::samples::names() {
        let temp = tempfile::tempdir().expect("tmp");
        commissione::samples::write(name, temp.path()).expect("the sample is written");
        let ws = workspace::load(temp.path())
            .workspace
            .expect("the sample loads");
        for sheet in ws.sheets().values() {
            same_bytes(sheet);
        }
    }
    let ws = generate(Size {
        applications: 200,
        lots: 2,
        members: 3,
        criteria: 8,
        seed: 5,
    })
    .expect("a valid call");
    for sheet in ws.sheets().values() {
        same_bytes(sheet);
    }
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        // Italian with what people paste in: quotes, apostrophes, backslashes, line ends, tabs.
        proptest::collection::vec(
            prop_oneof![
                Just("l'avviso ".to_string()),
                Just("«qualità» ".to_string()),
                Just("\"citato\" ".to_string()),
                Just("\\ ".to_string()),
                Just("\n".to_string()),
                Just("\t".to_string()),
                Just("e\u{301} ".to_string()),
                "[a-zàèéìòù ]{0,12}",
            ],
            0..12
        )
        .prop_map(|parts| parts.concat()),
    ]
}

fn sheet() -> impl Strategy<Value = ScoreSheet> {
    let item = (text(), any::<bool>(), 0u8..3, 0u32..=10_000);
    (proptest::collection::vec(item, 0..8), any::<u32>()).prop_map(|(items, revision)| {
        let mut sheet = ScoreSheet::new(MemberId::new("m1").expect("an id"));
        sheet.revision = revision;
        for (i, (text, conflict, kind, value)) in items.into_iter().enumerate() {
            let application = Protocol::new(format!("2026/{i:06}")).expect("an id");
            sheet.declarations.push(Declaration {
                application: application.clone(),
                conflict: conflict.then(|| Conflict {
                    kind: [
                        ConflictKind::Kinship,
                        ConflictKind::Professional,
                        ConflictKind::Other,
                    ][kind as usize],
                    note: text.clone(),
                }),
            });
            let value = rust_decimal::Decimal::new(value.into(), 4);
            sheet.scores.push(Score {
                application,
                criterion: CriterionId::new("A.1").expect("an id"),
                value: Points::parse(&value.to_string()).expect("points"),
                reason: text,
            });
        }
        sheet
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_sheets_are_written_as_the_general_writer_writes_them(sheet in sheet()) {
        let text = sheet_text(&sheet);
        prop_assert_eq!(&text, &to_text::<SheetFile>(sheet.clone()).expect("the general writer"));
        let back: SheetFile = ron::from_str(&text).expect("what is written reads back");
        prop_assert_eq!(back.sheet, sheet);
    }
}
