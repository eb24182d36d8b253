//! The rules a call set up in the window can choose: riparametrazione among every admitted
//! application, documents only an ATS must give, the minimum of members scoring each
//! application with the substitutes appointed to reach it, members replaced, applications
//! removed after being registered by mistake.

mod common;

use commissione::domain::{
    Date, Member, Moment, Party, Removal, Replacement, RequiredDocument, RescaleAmong, Role,
    Substitution, Workspace,
};
use commissione::rules::{Check, Evaluation, Gap, Outcome, Rule, evaluate};
use common::build::*;

const M: [&str; 3] = ["m1", "m2", "m3"];

fn outcome(e: &Evaluation, p: &str) -> Outcome {
    e.application(&pid(p)).expect("evaluated").outcome
}

fn points_of(e: &Evaluation, p: &str, c: &str) -> Option<String> {
    e.application(&pid(p))?
        .scores
        .as_ref()?
        .criteria
        .get(&cid(c))?
        .points
        .map(|p| p.to_string())
}

/// P1 has the best judgement on A but fails the threshold on B; P2 is eligible.
fn rescaled_call(among: RescaleAmong) -> Evaluation {
    let mut c = call();
    c.criteria[0].rescale = true;
    c.criteria[1].min = Some(points("25"));
    c.rescale_among = among;
    let ws = Build::new(c, &M)
        .app(application(
            "P1", "L1", "20000.00", "2000.00", "18000.00", 0,
        ))
        .app(application(
            "P2", "L1", "20000.00", "2000.00", "18000.00", 1,
        ))
        .all_score(&M, "P1", "1", "0.6", "30")
        .all_score(&M, "P2", "0.8", "1", "30")
        .workspace();
    evaluate(&ws)
}

#[test]
fn riparametrazione_among_the_eligible_is_the_default() {
    let e = rescaled_call(RescaleAmong::default());
    assert_eq!(outcome(&e, "P1"), Outcome::BelowThreshold);
    // P2 is the best of the eligible on A: 0,8 / 0,8 × 40.
    assert_eq!(points_of(&e, "P2", "A").as_deref(), Some("40.00"));
}

#[test]
fn riparametrazione_among_all_admitted_compares_with_those_below_the_threshold() {
    let e = rescaled_call(RescaleAmong::Admitted);
    assert_eq!(outcome(&e, "P1"), Outcome::BelowThreshold);
    // P1's 1,0 is the best among the admitted: 0,8 / 1,0 × 40.
    assert_eq!(points_of(&e, "P2", "A").as_deref(), Some("32.00"));
    // P1 is out of the competition: not rescaled.
    assert_eq!(points_of(&e, "P1", "A").as_deref(), Some("40.00"));
}

#[test]
fn the_choice_of_riparametrazione_is_written_only_when_it_is_not_the_default() {
    let mut c = call();
    let text = ron::to_string(&c).unwrap();
    assert!(!text.contains("rescale_among"), "{text}");
    c.rescale_among = RescaleAmong::Admitted;
    let text = ron::to_string(&c).unwrap();
    assert!(text.contains("rescale_among:Admitted"), "{text}");
    let back: commissione::domain::Call = ron::from_str(&text).unwrap();
    assert_eq!(back.rescale_among, RescaleAmong::Admitted);
}

#[test]
fn a_document_only_an_ats_must_give_does_not_concern_a_single_applicant() {
    let mut c = call();
    c.required_documents.push(RequiredDocument {
        id: commissione::domain::DocumentId::new("accordo_ats").unwrap(),
        title: "Accordo di ATS".into(),
        mandatory: true,
        only_ats: true,
    });
    let single = application("P1", "L1", "20000.00", "2000.00", "18000.00", 0);
    let mut ats = application("P2", "L1", "20000.00", "2000.00", "18000.00", 1);
    ats.partners.push(Party {
        name: "Fondazione Alfa".into(),
        tax_code: tax_code(90),
        ..ats.applicant.clone()
    });
    let ws = Build::new(c, &M).app(single).app(ats).workspace();
    let e = evaluate(&ws);
    let doc = |p: &str| {
        e.application(&pid(p))
            .unwrap()
            .admission
            .findings
            .iter()
            .find(|f| matches!(&f.rule, Rule::Document(d) if d.as_str() == "accordo_ats"))
            .cloned()
            .unwrap()
    };
    assert_eq!(doc("P1").check, Check::Pass);
    assert!(
        doc("P1").message.to_string().contains("non pertinente"),
        "{}",
        doc("P1").message
    );
    assert_eq!(doc("P2").check, Check::Fail);
    assert!(doc("P2").message.to_string().contains("mancante"));
}

fn member(id: &str, role: Role) -> Member {
    Member {
        id: mid(id),
        name: format!("Componente {id}"),
        role,
        qualification: String::new(),
        replaced: None,
        substitute: None,
    }
}

/// Three members, a minimum of three scoring each application, and m3 in conflict with P1.
fn thin_panel() -> Build {
    let mut c = call();
    c.min_scoring_members = Some(3);
    Build::new(c, &M)
        .app(application(
            "P1", "L1", "20000.00", "2000.00", "18000.00", 0,
        ))
        .app(application(
            "P2", "L1", "20000.00", "2000.00", "18000.00", 1,
        ))
        .conflict("m3", "P1")
        .all_score(&["m1", "m2"], "P1", "1", "1", "30")
        .all_score(&M, "P2", "0.8", "0.8", "24")
}

#[test]
fn an_application_fewer_members_can_score_than_the_minimum_is_not_ranked() {
    let ws = thin_panel().workspace();
    let e = evaluate(&ws);
    assert_eq!(outcome(&e, "P1"), Outcome::Incomplete);
    let scores = e.application(&pid("P1")).unwrap().scores.as_ref().unwrap();
    assert!(scores.gaps().any(|(_, g)| *g
        == Gap::TooFewMembers {
            scorers: 2,
            required: 3
        }));
    assert_eq!(scores.total, None);
    // P2 has its three members and ranks first.
    assert_eq!(
        e.application(&pid("P2")).unwrap().rank(),
        Some(1),
        "{:?}",
        e.application(&pid("P2")).unwrap().outcome
    );
    assert!(e.lots[&lid("L1")].provisional);
}

fn with_substitute(build: Build, applications: &[&str]) -> Build {
    let mut build = build;
    let commission = build.parts.commission.as_mut().unwrap();
    let mut m4 = member("m4", Role::Commissioner);
    m4.substitute = Some(Substitution {
        act: "Determinazione n. 2".into(),
        applications: applications.iter().map(|p| pid(p)).collect(),
    });
    commission.members.push(m4);
    build
        .parts
        .sheets
        .push(std::sync::Arc::new(commissione::domain::ScoreSheet::new(
            mid("m4"),
        )));
    build
}

#[test]
fn a_substitute_appointed_for_it_completes_the_panel() {
    // Appointed, not yet scored: still waiting, now for the substitute's marks.
    let ws = with_substitute(thin_panel(), &["P1"]).workspace();
    let e = evaluate(&ws);
    assert_eq!(outcome(&e, "P1"), Outcome::Incomplete);
    let gaps: Vec<Gap> = e
        .application(&pid("P1"))
        .unwrap()
        .scores
        .as_ref()
        .unwrap()
        .gaps()
        .map(|(_, g)| g.clone())
        .collect();
    assert!(
        gaps.contains(&Gap::NotScored { member: mid("m4") }),
        "{gaps:?}"
    );
    assert!(!gaps.iter().any(|g| matches!(g, Gap::TooFewMembers { .. })));
    // The substitute is not expected on P2.
    assert_eq!(e.application(&pid("P2")).unwrap().rank(), Some(1));
    let progress = e
        .diagnostics
        .progress
        .iter()
        .find(|p| p.member == mid("m4"))
        .unwrap();
    assert_eq!(progress.applications_to_score, 1);

    // Scored: ranked, first with the best marks.
    let ws = with_substitute(thin_panel(), &["P1"])
        .all_score(&["m4"], "P1", "1", "1", "30")
        .workspace();
    let e = evaluate(&ws);
    assert_eq!(e.application(&pid("P1")).unwrap().rank(), Some(1));
    assert_eq!(
        e.application(&pid("P1"))
            .unwrap()
            .scores
            .as_ref()
            .unwrap()
            .total
            .map(|t| t.to_string())
            .as_deref(),
        Some("100.00")
    );
    assert!(e.diagnostics.thin_panels.is_empty());
}

#[test]
fn a_substitute_scores_only_the_applications_appointed_for() {
    let build = with_substitute(thin_panel(), &["P1"]).all_score(&["m4"], "P2", "1", "1", "30");
    let (_, problems) = Workspace::assemble(build.parts);
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("supplente solo per le candidature P1")),
        "{problems:#?}"
    );
}

#[test]
fn a_substitute_for_an_application_that_does_not_exist_is_reported() {
    let build = with_substitute(thin_panel(), &["P9"]);
    let (_, problems) = Workspace::assemble(build.parts);
    assert!(
        problems.iter().any(|p| p
            .message
            .contains("nominato per la candidatura «P9», che non esiste")),
        "{problems:#?}"
    );
}

#[test]
fn a_replaced_member_no_longer_scores_and_the_new_one_must() {
    let mut build = Build::new(call(), &M)
        .app(application(
            "P1", "L1", "20000.00", "2000.00", "18000.00", 0,
        ))
        .all_score(&M, "P1", "1", "1", "30");
    let commission = build.parts.commission.as_mut().unwrap();
    commission.members[2].replaced = Some(Replacement {
        by: mid("m4"),
        act: "Determinazione n. 3 del 10/03/2026".into(),
        on: Date::parse("2026-03-10").unwrap(),
    });
    commission.members.push(member("m4", Role::Commissioner));
    let ws = build.workspace();
    let voting: Vec<&str> = ws
        .commission()
        .voting_members()
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(voting, ["m1", "m2", "m4"]);
    let e = evaluate(&ws);
    // m3's marks no longer count; m4 has not scored yet.
    assert_eq!(outcome(&e, "P1"), Outcome::Incomplete);
    let gaps: Vec<Gap> = e
        .application(&pid("P1"))
        .unwrap()
        .scores
        .as_ref()
        .unwrap()
        .gaps()
        .map(|(_, g)| g.clone())
        .collect();
    assert!(gaps.contains(&Gap::NotScored { member: mid("m4") }));
    assert!(!gaps.contains(&Gap::NotScored { member: mid("m3") }));
}

#[test]
fn a_replacement_names_a_member_of_the_commission() {
    let mut build = Build::new(call(), &M);
    build.parts.commission.as_mut().unwrap().members[2].replaced = Some(Replacement {
        by: mid("m9"),
        act: "Determinazione n. 3".into(),
        on: Date::parse("2026-03-10").unwrap(),
    });
    let (ws, problems) = Workspace::assemble(build.parts);
    assert!(ws.is_none());
    assert!(
        problems[0]
            .message
            .contains("«m9», che non fa parte della commissione")
    );
}

#[test]
fn a_commission_not_yet_appointed_has_no_members() {
    let mut build = Build::new(call(), &[]);
    build.parts.commission.as_mut().unwrap().members.clear();
    build
        .parts
        .commission
        .as_mut()
        .unwrap()
        .appointed_by
        .clear();
    let ws = build
        .app(application(
            "P1", "L1", "20000.00", "2000.00", "18000.00", 0,
        ))
        .workspace();
    let e = evaluate(&ws);
    assert_eq!(outcome(&e, "P1"), Outcome::Incomplete);
}

#[test]
fn an_application_removed_by_mistake_leaves_the_call_but_stays_on_record() {
    let mut ws = Build::new(call(), &M)
        .app(application(
            "P1", "L1", "20000.00", "2000.00", "18000.00", 0,
        ))
        .app(application(
            "P2", "L1", "20000.00", "2000.00", "18000.00", 1,
        ))
        .all_score(&M, "P1", "1", "1", "30")
        .workspace();
    let mut p2 = ws.application(&pid("P2")).unwrap().clone();
    p2.removed = Some(Removal {
        reason: "registrata due volte".into(),
        at: Moment::parse("2026-03-02T10:00").unwrap(),
        after: None,
    });
    ws.put_application(p2.clone()).unwrap();
    assert!(ws.application(&pid("P2")).is_none());
    assert_eq!(ws.removed()[&pid("P2")].removed, p2.removed);
    let e = evaluate(&ws);
    assert!(e.application(&pid("P2")).is_none());
    // Through the parts and back, it stays removed.
    let ws2 = Workspace::assemble(ws.to_parts()).0.unwrap();
    assert!(ws2.removed().contains_key(&pid("P2")));

    // An application already scored cannot be removed as a mistake.
    let mut p1 = ws.application(&pid("P1")).unwrap().clone();
    p1.removed = p2.removed.clone();
    let refused = ws.put_application(p1).unwrap_err();
    assert!(refused[0].message.contains("va esclusa"), "{refused:?}");
    assert!(ws.application(&pid("P1")).is_some());
}
