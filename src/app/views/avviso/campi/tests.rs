//! The fields as they are typed: what saves, what waits and why.

use super::*;
use crate::domain::Date;
use crate::templates::Template;

fn call() -> Call {
    Template::Coprogettazione.call(Date::parse("2026-03-02").unwrap())
}

fn id(s: &str) -> CriterionId {
    CriterionId::new(s).unwrap()
}

#[test]
fn a_sub_criterion_s_maximum_makes_its_group_s() {
    let mut c = call();
    let field = SetupField::Criterion(id("D.2"), CriterionText::Max);
    apply_call(&field, "9", &mut c).unwrap();
    assert_eq!(c.criterion(&id("D")).unwrap().max.to_string(), "15");
    // The group's own maximum is not typed.
    let field = SetupField::Criterion(id("D"), CriterionText::Max);
    apply_call(&field, "50", &mut c).unwrap();
    assert_eq!(c.criterion(&id("D")).unwrap().max.to_string(), "15");
}

#[test]
fn a_criterion_renamed_keeps_its_tie_break() {
    let mut c = call();
    let field = SetupField::Criterion(id("A"), CriterionText::Id);
    apply_call(&field, "A1", &mut c).unwrap();
    assert!(c.criterion(&id("A1")).is_some());
    assert_eq!(c.tie_breaks[0], TieBreak::Criterion(id("A1")));
    let err = apply_call(
        &SetupField::Criterion(id("A1"), CriterionText::Id),
        "B",
        &mut c,
    )
    .unwrap_err();
    assert!(err.contains("già di un altro criterio"), "{err}");
}

#[test]
fn what_cannot_be_saved_waits_with_its_reason() {
    let mut c = call();
    let min = SetupField::Criterion(id("A"), CriterionText::Min);
    let err = apply_call(&min, "41", &mut c).unwrap_err();
    assert_eq!(err, "la soglia (41) supera il massimo del criterio (40)");
    let lot = c.lots[0].id.clone();
    let reserved = SetupField::Lot(lot.clone(), LotText::Reserved);
    assert!(
        apply_call(&reserved, "100", &mut c)
            .unwrap_err()
            .contains("100%")
    );
    apply_call(&reserved, "12,5", &mut c).unwrap();
    assert_eq!(c.lots[0].reserved_share.to_string(), "0.125");
    let budget = SetupField::Lot(lot, LotText::Budget);
    assert!(
        apply_call(&budget, "12.50", &mut c)
            .unwrap_err()
            .contains("12,50")
    );
    let cup = SetupField::Call(CallText::Cup);
    apply_call(&cup, " i71b16000290001 ", &mut c).unwrap();
    assert_eq!(c.cup.as_deref(), Some("I71B16000290001"));
    apply_call(&cup, "", &mut c).unwrap();
    assert_eq!(c.cup, None);
}

#[test]
fn a_member_s_title_and_name_are_typed_apart() {
    let mut commission = Commission {
        appointed_by: String::new(),
        members: vec![crate::domain::Member {
            id: MemberId::new("rossi").unwrap(),
            name: "Maria Rossi".into(),
            role: crate::domain::Role::President,
            qualification: String::new(),
            replaced: None,
            substitute: None,
        }],
    };
    let id = MemberId::new("rossi").unwrap();
    let title = SetupField::Member(id.clone(), MemberText::Title);
    apply_commission(&title, "Dott.ssa", &mut commission).unwrap();
    assert_eq!(commission.members[0].name, "Dott.ssa Maria Rossi");
    let name = SetupField::Member(id, MemberText::Name);
    apply_commission(&name, "Maria Bianchi Rossi", &mut commission).unwrap();
    assert_eq!(commission.members[0].name, "Dott.ssa Maria Bianchi Rossi");
    assert_eq!(saved_text(&title, &call(), &commission), "Dott.ssa");
}
