//! A Comune sets up its own call from the window: a blank call from the start screen, its data,
//! two lots and four criteria (one with two sub-criteria and a threshold), a commission of three
//! with a secretary and a substitute, three applications registered by hand from their PEC (one
//! failing the co-financing minimum) and one removed as registered by mistake; the members
//! score, the ranking and the verbale come out. The same call made with `commissione new` and
//! its files edited by hand is equal to it.

use std::path::Path;

use commissione::app::{App, View, strings as s};
use commissione::domain::{CriterionId, Date, Points, Session, SessionId, SessionKind, TimeOfDay};
use commissione::editor::{Actor, Command, Editor};
use commissione::rules::Outcome;
use commissione::templates::Template;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::common;
use crate::support::*;

/// Step 1: the start screen, a blank call in a typed folder.
fn create(h: &mut Harness<App>, dir: &Path) {
    h.run();
    press(h, s::NEW_CALL);
    h.get_by_label(Template::Coprogettazione.title());
    h.get_by_label(Template::Blank.title()).click();
    h.run();
    type_in(h, s::NEW_CALL_FOLDER_LABEL, &dir.display().to_string());
    press(h, s::NEW_CALL_CREATE);
    assert!(errors(h).is_empty(), "{:?}", errors(h));
    let work = h.state().work().expect("the new call is open");
    assert_eq!(work.editor().actor(), &Actor::Secretariat);
    assert_eq!(h.state().view(), View::Avviso);
    assert!(dir.join("avviso.ron").is_file());
}

/// Step 2: the general data, with the checks said as they are typed.
fn general_data(h: &mut Harness<App>) {
    fill(h, s::CALL_AUTHORITY, "Comune di Valfonda");
    fill(h, s::CALL_OFFICE, "Settore Politiche Sociali");
    fill(
        h,
        s::CALL_TITLE,
        "Avviso di co-progettazione per i centri civici di quartiere",
    );
    // A CUP of the wrong form is said beside the field before it is saved.
    type_in(h, s::CALL_CUP, "I71B16");
    h.get_by_label_contains("il CUP ha 15 caratteri, «I71B16» ne ha 6");
    fill(h, s::CALL_CUP, "I71B16000290001");
    fill(h, s::CALL_RUP, "Dott.ssa Elena Fontana");
    fill(h, s::CALL_PUBLISHED, "02/03/2026");
    fill(h, s::CALL_DEADLINE, "01/03/2026 12:00");
    h.get_by_label_contains("è precedente alla pubblicazione dell'avviso (02/03/2026)");
    fill(h, s::CALL_DEADLINE, "31/03/2026 12:00");
    assert!(
        h.query_by_label_contains("è precedente alla pubblicazione")
            .is_none()
    );
    assert_clean(h);
}

/// Step 3: two lots, the second with a share reserved to the Comune.
fn lots(h: &mut Harness<App>) {
    press(h, s::TAB_LOTS);
    fill(
        h,
        &s::lot_field(s::LOT_NAME, 1),
        "Centro civico Borgo Nuovo",
    );
    fill(h, &s::lot_field(s::LOT_BUDGET, 1), "50.000,00");
    press(h, s::ADD_LOT);
    h.get_by_label_contains("non ha risorse: nessun contributo potrebbe essere concesso");
    fill(h, &s::lot_field(s::LOT_NAME, 2), "Biblioteca di comunità");
    fill(h, &s::lot_field(s::LOT_BUDGET, 2), "40.000");
    type_in(h, &s::lot_field(s::LOT_RESERVED, 2), "100");
    h.get_by_label_contains("non lascia nulla per i contributi");
    fill(h, &s::lot_field(s::LOT_RESERVED, 2), "10");
    h.get_by_label("€ 36.000,00");
    assert!(h.query_by_label_contains("non ha risorse").is_none());
    assert_clean(h);
}

/// Step 4: the funding rules.
fn funding(h: &mut Harness<App>) {
    press(h, s::TAB_FUNDING);
    fill(h, s::FUNDING_MAX_CONTRIBUTION, "80");
    fill(h, s::FUNDING_MIN_COFINANCING, "20");
    assert_clean(h);
}

/// Step 5: four criteria: A judged on the scale, B in points, C with two sub-criteria and a
/// threshold, D from the co-financing above the minimum; then the tie-breaks.
fn criteria(h: &mut Harness<App>) {
    press(h, s::TAB_CRITERIA);
    fill(
        h,
        &s::criterion_field(s::CRITERION_TITLE, "A"),
        "Qualità della proposta",
    );
    fill(h, &s::criterion_field(s::CRITERION_MAX, "A"), "40");
    h.get_by_label_contains("i punteggi massimi dei criteri sommano a 40, non a 100");
    press(h, s::ADD_CRITERION);
    fill(
        h,
        &s::criterion_field(s::CRITERION_TITLE, "B"),
        "Esperienza del proponente",
    );
    fill(h, &s::criterion_field(s::CRITERION_MAX, "B"), "20");
    choose(
        h,
        &s::criterion_field(s::CRITERION_METHOD, "B"),
        s::METHOD_CHOICE_POINTS,
    );
    fill(h, &s::criterion_field(s::POINTS_STEP_NAME, "B"), "1");
    press(h, s::ADD_CRITERION);
    fill(
        h,
        &s::criterion_field(s::CRITERION_TITLE, "C"),
        "Rete territoriale",
    );
    press(h, &s::criterion_field(s::ADD_SUBCRITERION, "C"));
    press(h, &s::criterion_field(s::ADD_SUBCRITERION, "C"));
    fill(
        h,
        &s::criterion_field(s::CRITERION_TITLE, "C.1"),
        "Partner del quartiere",
    );
    fill(h, &s::criterion_field(s::CRITERION_MAX, "C.1"), "15");
    fill(
        h,
        &s::criterion_field(s::CRITERION_TITLE, "C.2"),
        "Collaborazione con le scuole",
    );
    fill(h, &s::criterion_field(s::CRITERION_MAX, "C.2"), "15");
    // A threshold above the maximum is refused as it is typed.
    type_in(h, &s::criterion_field(s::CRITERION_MIN, "C"), "31");
    h.get_by_label_contains("la soglia (31) supera il massimo del criterio (30)");
    fill(h, &s::criterion_field(s::CRITERION_MIN, "C"), "12");
    press(h, s::ADD_CRITERION);
    fill(
        h,
        &s::criterion_field(s::CRITERION_TITLE, "D"),
        "Co-finanziamento oltre il minimo",
    );
    choose(
        h,
        &s::criterion_field(s::CRITERION_METHOD, "D"),
        s::METHOD_CHOICE_COFINANCING_ABOVE,
    );
    assert!(h.query_by_label_contains("non a 100").is_none());
    press(h, &s::criterion_field(s::CRITERION_RESCALE, "A"));
    choose(
        h,
        s::ADD_TIE_BREAK,
        &s::tie_break_on("A", "Qualità della proposta"),
    );
    assert_clean(h);
}

/// Step 6: the commission of three, a secretary, a substitute; three members at least must be
/// able to score each application.
fn commission(h: &mut Harness<App>) {
    press(h, s::TAB_COMMISSION);
    fill(
        h,
        s::APPOINTED_BY,
        "Determinazione dirigenziale n. 88 del 01/04/2026",
    );
    fill(h, s::MIN_SCORING, "3");
    let new = |what: &str| s::form_field(what, s::NEW_MEMBER);
    for (title, name, qualification, secretary) in [
        ("Dott.ssa", "Maria Rossi", "Dirigente del Settore", false),
        ("Dott.", "Luca Bianchi", "Funzionario", false),
        ("Sig.ra", "Anna Verdi", "Istruttore direttivo", false),
        ("Sig.", "Paolo Neri", "Istruttore amministrativo", true),
    ] {
        press(h, s::ADD_MEMBER);
        type_in(h, &new(s::MEMBER_TITLE), title);
        type_in(h, &new(s::MEMBER_NAME), name);
        type_in(h, &new(s::MEMBER_QUALIFICATION), qualification);
        if secretary {
            choose(h, &new(s::MEMBER_ROLE), "Segretario verbalizzante");
        }
        press(h, s::CONFIRM_ADD_MEMBER);
    }
    press(h, s::ADD_SUBSTITUTE);
    type_in(h, &new(s::MEMBER_TITLE), "Ing.");
    type_in(h, &new(s::MEMBER_NAME), "Carla Gialli");
    type_in(h, &new(s::MEMBER_QUALIFICATION), "Funzionario tecnico");
    type_in(
        h,
        &new(s::SUBSTITUTE_ACT),
        "Determinazione dirigenziale n. 89 del 01/04/2026",
    );
    press(h, s::CONFIRM_ADD_SUBSTITUTE);
    assert_clean(h);
    let ws = h.state().work().unwrap().editor().workspace();
    let ids: Vec<&str> = ws
        .commission()
        .members
        .iter()
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(ids, ["rossi", "bianchi", "verdi", "neri", "gialli"]);
    assert_eq!(ws.commission().members[0].name, "Dott.ssa Maria Rossi");
    assert_eq!(ws.commission().president().unwrap().id.as_str(), "rossi");
}

/// One application registered from its PEC: the form, then the budget on its page.
#[allow(clippy::too_many_arguments)]
fn register(
    h: &mut Harness<App>,
    protocol: &str,
    received: &str,
    lot: Option<&str>,
    applicant: &str,
    tax_code: &str,
    cost: &str,
    cofinancing: &str,
    requested: &str,
) {
    view(h, s::VIEW_CANDIDATURE);
    press(h, s::REGISTER_APPLICATION);
    fill(h, s::PROTOCOL, protocol);
    fill(h, s::RECEIVED_AT, received);
    if let Some(lot) = lot {
        press(h, s::LOT);
        let last = h.get_all_by_label(lot).count() - 1;
        h.get_all_by_label(lot).nth(last).unwrap().click();
        h.run();
    }
    fill(h, s::APPLICATION_TITLE, &format!("Proposta di {applicant}"));
    let lead = |what: &str| s::party_field(what, s::LEAD);
    type_in(h, &lead(s::PARTY_NAME), applicant);
    type_in(h, &lead(s::PARTY_TAX_CODE), tax_code);
    type_in(h, &lead(s::PARTY_PEC), "proposte@pec.it");
    press(h, s::REGISTER);
    assert!(errors(h).is_empty(), "{:?}", errors(h));
    // The application's page: the budget, checked as it is typed.
    h.get_by_label(s::BUDGET);
    press(h, s::ADD_BUDGET_LINE);
    fill(h, &s::line_field(s::BUDGET_CATEGORY, 1), "attivita");
    fill(h, &s::line_field(s::AMOUNT, 1), cost);
    press(h, s::ADD_COFINANCING_LINE);
    fill(
        h,
        &s::cofinancing_field(s::COFINANCING_SOURCE, 1),
        "fondi propri",
    );
    fill(h, &s::cofinancing_field(s::AMOUNT, 1), cofinancing);
    fill(h, s::REQUESTED, requested);
    assert_clean(h);
    press(h, s::BACK_TO_LIST);
}

fn applications(h: &mut Harness<App>) {
    // A tax code of the wrong check character is said as it is typed, and may be registered.
    view(h, s::VIEW_CANDIDATURE);
    press(h, s::REGISTER_APPLICATION);
    type_in(
        h,
        &s::party_field(s::PARTY_TAX_CODE, s::LEAD),
        "00944850140",
    );
    h.get_by_label_contains("ha il carattere di controllo errato");
    press(h, s::FORM_CANCEL);
    register(
        h,
        "2026/101",
        "20/03/2026 10:15",
        None,
        "APS Borgo Vivo",
        "00944850148",
        "20.000,00",
        "5.000,00",
        "15.000,00",
    );
    register(
        h,
        "2026/102",
        "25/03/2026 09:30:40",
        None,
        "Cooperativa Sociale Il Faro",
        "12345679190",
        "30.000,00",
        "6.000,00",
        "24.000,00",
    );
    // The third lacks co-financing: 5% of the cost instead of 20%.
    register(
        h,
        "2026/103",
        "30/03/2026 16:00",
        Some("Biblioteca di comunità"),
        "ODV Libri Aperti",
        "12345758382",
        "10.000,00",
        "500,00",
        "9.500,00",
    );
    click(h, "2026/103");
    h.get_by_label_contains("mancano € 1.500,00 per raggiungere il 20%");
    press(h, s::BACK_TO_LIST);
    assert_eq!(outcome(h, "2026/103"), Outcome::ExclusionProposed);

    // A fourth, registered by mistake (the same PEC twice), is removed with its reason.
    register(
        h,
        "2026/104",
        "25/03/2026 09:30:40",
        None,
        "Cooperativa Sociale Il Faro",
        "12345679190",
        "30.000,00",
        "6.000,00",
        "24.000,00",
    );
    click(h, "2026/104");
    press(h, s::REMOVE_APPLICATION);
    h.get_by_label(s::REMOVE_REASON).click();
    h.run();
    h.get_by_label(s::REMOVE_REASON)
        .type_text("Stessa PEC del protocollo 2026/102, registrata due volte");
    h.run();
    press(h, s::REMOVE_CONFIRM);
    assert_clean(h);
    let ws = h.state().work().unwrap().editor().workspace();
    assert!(ws.application(&protocol("2026/104")).is_none());
    assert!(ws.removed().contains_key(&protocol("2026/104")));
    assert_eq!(ws.applications().len(), 3);
}

fn cid(c: &str) -> CriterionId {
    CriterionId::new(c).unwrap()
}

/// The members score through the editor on their laptops, one at a time: the window is
/// closed meanwhile (it holds the lock). Anna Verdi declares a conflict with 2026/102.
fn members_score(dir: &Path, members: &[&str], application: &str, marks: [&str; 4]) {
    for m in members {
        let mut editor = Editor::open(dir, Actor::Member(member(m))).expect("open");
        for (c, value) in ["A", "B", "C.1", "C.2"].iter().zip(marks) {
            editor
                .apply(Command::Score {
                    member: member(m),
                    application: protocol(application),
                    criterion: cid(c),
                    value: Some(Points::parse(value).unwrap()),
                    reason: format!("Valutazione di {m} sul criterio {c}"),
                })
                .expect("a score");
        }
    }
}

fn declare_conflict(dir: &Path, m: &str, application: &str) {
    let mut editor = Editor::open(dir, Actor::Member(member(m))).expect("open");
    editor
        .apply(Command::Declare {
            member: member(m),
            application: protocol(application),
            declaration: Some(Some(commissione::domain::Conflict {
                kind: commissione::domain::ConflictKind::Professional,
                note: "Socia della cooperativa".into(),
            })),
        })
        .expect("a declaration");
}

fn final_session(dir: &Path) {
    let mut editor = Editor::open(dir, Actor::Secretariat).expect("open");
    editor
        .apply(Command::PutSession(Box::new(Session {
            id: SessionId::new("s1").unwrap(),
            number: 1,
            kind: SessionKind::Final,
            date: Date::parse("2026-04-20").unwrap(),
            start: TimeOfDay::parse("10:00").unwrap(),
            end: Some(TimeOfDay::parse("12:00").unwrap()),
            place: "Sala consiliare".into(),
            present: ["rossi", "bianchi", "verdi", "neri", "gialli"]
                .iter()
                .map(|m| member(m))
                .collect(),
            notes: vec![],
            draws: vec![],
            amendments: vec![],
            collegial: vec![],
            events: vec![],
            seal: None,
        })))
        .expect("the session");
}

#[test]
fn a_secretariat_sets_up_a_blank_call_and_the_commission_ranks_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("centri-civici");
    let mut h = start_screen(tmp.path());
    create(&mut h, &dir);
    general_data(&mut h);
    lots(&mut h);
    funding(&mut h);
    criteria(&mut h);
    commission(&mut h);
    applications(&mut h);
    // Every edit was journaled and can be undone: the last, the removal, comes back.
    let journal = std::fs::read_to_string(dir.join("registro.ron")).unwrap();
    assert!(
        journal.contains("avviso: lotto aggiunto (lotto-2)"),
        "{journal}"
    );
    assert!(
        journal.contains("commissione: supplente nominato (gialli)"),
        "{journal}"
    );
    assert!(
        journal.contains("rimossa perché registrata per errore"),
        "{journal}"
    );
    drop(h);

    // The members score; Anna Verdi declares a conflict with 2026/102, which two members
    // alone cannot rank.
    declare_conflict(&dir, "verdi", "2026/102");
    members_score(
        &dir,
        &["rossi", "bianchi", "verdi"],
        "2026/101",
        ["0.8", "15", "0.8", "1.0"],
    );
    members_score(
        &dir,
        &["rossi", "bianchi"],
        "2026/102",
        ["1.0", "18", "1.0", "0.8"],
    );
    let mut h = harness(&dir, Actor::Secretariat);
    h.run();
    assert_eq!(outcome(&h, "2026/102"), Outcome::Incomplete);
    view(&mut h, s::VIEW_GRADUATORIA);
    h.get_by_label_contains("servono almeno 3 componenti");

    // The substitute is appointed for it, in the commission.
    view(&mut h, s::VIEW_AVVISO);
    press(&mut h, s::TAB_COMMISSION);
    press(&mut h, &s::substitute_for_field("2026/102", "gialli"));
    assert_clean(&h);
    drop(h);
    members_score(&dir, &["gialli"], "2026/102", ["0.8", "16", "1.0", "0.8"]);
    final_session(&dir);

    let mut h = harness(&dir, Actor::Secretariat);
    h.state_mut().set_open_documents(false);
    h.run();
    // 2026/101 is first: its co-financing above the minimum gives it D in full.
    assert_eq!(outcome(&h, "2026/101"), Outcome::Funded);
    assert_eq!(outcome(&h, "2026/102"), Outcome::EligibleNotFunded);
    assert_eq!(outcome(&h, "2026/103"), Outcome::ExclusionProposed);
    let eval = h.state().work().unwrap().editor().evaluation();
    let total = |p: &str| {
        eval.application(&protocol(p))
            .and_then(|r| r.scores.as_ref())
            .and_then(|s| s.total)
            .map(|t| t.to_string())
    };
    // 2026/101: A 0,8 against the best 0,9333 of 2026/102, rescaled: 34,29; B 15; C.1 12,
    // C.2 15; D 10 (its 5% above the minimum is the best). 2026/102: A 40; B 52/3 of 20
    // points: 17,33; C.1 15; C.2 12; D 0.
    assert_eq!(total("2026/101").as_deref(), Some("86.29"));
    assert_eq!(total("2026/102").as_deref(), Some("84.33"));
    view(&mut h, s::VIEW_GRADUATORIA);
    h.get_by_label("selezionata per la co-progettazione");

    // The verbale reports the substitute and the removal.
    view(&mut h, s::VIEW_SEDUTE);
    h.get_by_label(s::EXPORT_MINUTES).click();
    h.step();
    let pdf = dir.join("verbali").join("verbale-01-s1.pdf");
    let written = s::export_done(&pdf.display().to_string());
    wait_for(&mut h, |h| h.query_by_label(&written).is_some());
    let text = pdf_extract::extract_text(&pdf).expect("the verbale reads back");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Ing. Carla Gialli è nominato componente supplente per la valutazione della candidatura 2026/102",
        "Candidature rimosse perché registrate per errore",
        "Stessa PEC del protocollo 2026/102, registrata due volte",
        "Componente supplente",
    ] {
        assert!(flat.contains(expected), "«{expected}» not in: {flat}");
    }
    drop(h);

    // The same call, made on the command line and its files edited by hand, is equal to it.
    let other = tmp.path().join("a-mano");
    let (code, out, err) = common::run(&["new", other.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    edit_by_hand(&other);
    let by_window = commissione::workspace::load(&dir).workspace.unwrap();
    let by_hand = commissione::workspace::load(&other).workspace.unwrap();
    assert_eq!(by_hand.call(), by_window.call());
    // The commission, as it was before the substitute was appointed for 2026/102 (which does
    // not exist in the call made by hand).
    let mut commission = by_window.commission().clone();
    if let Some(sub) = commission.members[4].substitute.as_mut() {
        sub.applications.clear();
    }
    assert_eq!(by_hand.commission(), &commission);
}

/// The blank call's files as a person edits them by hand to say what the window said.
fn edit_by_hand(dir: &Path) {
    let avviso = dir.join("avviso.ron");
    let text = std::fs::read_to_string(&avviso).unwrap();
    let start = text.find("        authority:").unwrap();
    let end = text.find("        budget_categories:").unwrap();
    let head = r#"        authority: "Comune di Valfonda",
        office: "Settore Politiche Sociali",
        title: "Avviso di co-progettazione per i centri civici di quartiere",
        cup: "I71B16000290001",
        rup: "Dott.ssa Elena Fontana",
        published_on: "2026-03-02",
        deadline: "2026-03-31T12:00:00+02:00",
        lots: [
            (id: "lotto-1", name: "Centro civico Borgo Nuovo", budget: "50000.00", allocation: SingleWinner),
            (id: "lotto-2", name: "Biblioteca di comunità", budget: "40000.00", reserved_share: "0.10", allocation: SingleWinner),
        ],
        funding: (
            max_contribution_share: "0.80",
            min_cofinancing_share: "0.20",
        ),
"#;
    let mut text = format!("{}{head}{}", &text[..start], &text[end..]);
    let start = text.find("        criteria:").unwrap();
    let end = text.find("        judgement_scale:").unwrap();
    let criteria = r#"        criteria: [
            (id: "A", title: "Qualità della proposta", max: "40", rescale: true, scoring: Coefficient),
            (id: "B", title: "Esperienza del proponente", max: "20", scoring: Points(step: "1")),
            (id: "C", title: "Rete territoriale", max: "30", min: "12", scoring: Subcriteria([
                (id: "C.1", title: "Partner del quartiere", max: "15", scoring: Coefficient),
                (id: "C.2", title: "Collaborazione con le scuole", max: "15", scoring: Coefficient),
            ])),
            (id: "D", title: "Co-finanziamento oltre il minimo", max: "10", scoring: Linear(measure: CofinancingShareAboveMinimum)),
        ],
        tie_breaks: [EarlierSubmission, Criterion("A")],
"#;
    text = format!("{}{criteria}{}", &text[..start], &text[end..]);
    std::fs::write(&avviso, text).unwrap();
    std::fs::write(
        dir.join("commissione.ron"),
        r#"(
    format: 1,
    commission: (
        appointed_by: "Determinazione dirigenziale n. 88 del 01/04/2026",
        members: [
            (id: "rossi", name: "Dott.ssa Maria Rossi", role: President, qualification: "Dirigente del Settore"),
            (id: "bianchi", name: "Dott. Luca Bianchi", role: Commissioner, qualification: "Funzionario"),
            (id: "verdi", name: "Sig.ra Anna Verdi", role: Commissioner, qualification: "Istruttore direttivo"),
            (id: "neri", name: "Sig. Paolo Neri", role: Secretary, qualification: "Istruttore amministrativo"),
            (id: "gialli", name: "Ing. Carla Gialli", role: Commissioner, qualification: "Funzionario tecnico",
             substitute: (act: "Determinazione dirigenziale n. 89 del 01/04/2026", applications: [])),
        ],
    ),
)
"#,
    )
    .unwrap();
    // min_scoring_members is among the fields after the criteria.
    common::edit(
        &avviso,
        "min_scoring_members: None",
        "min_scoring_members: 3",
    );
}
