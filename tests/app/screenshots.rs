//! Pictures of screens that need prepared files to reach (two versions of a sheet, an import's
//! preview), drawn by the window's own code on a CPU graphics adapter (mesa's lavapipe). Not a
//! test: `assets/screenshots/take.sh` runs it with `COMMISSIONE_SHOTS=DIR`, which receives one
//! PPM per screen.

use std::path::Path;

use commissione::app::{App, strings as s};
use commissione::domain::{CriterionId, Points};
use commissione::editor::{Actor, Command, Editor};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::support::*;

fn save(h: &mut Harness<App>, dir: &Path, name: &str) {
    // The pointer out of the way; the window settled (tooltips, animations).
    h.hover_at(egui::pos2(1365.0, 767.0));
    for _ in 0..10 {
        h.step();
    }
    let image = h
        .render()
        .expect("a CPU graphics adapter (mesa-vulkan-drivers)");
    let mut ppm = format!("P6\n{} {}\n255\n", image.width(), image.height()).into_bytes();
    for pixel in image.as_raw().chunks_exact(4) {
        ppm.extend_from_slice(&pixel[..3]);
    }
    std::fs::write(dir.join(format!("{name}.ppm")), ppm).unwrap();
}

fn retype(h: &mut Harness<App>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
}

fn score(dir: &Path, actor: Actor, app: &str, criterion: &str, value: &str, reason: &str) {
    let mut editor = Editor::open(dir, actor).unwrap();
    editor
        .apply(Command::Score {
            member: member("tognini"),
            application: protocol(app),
            criterion: CriterionId::new(criterion).unwrap(),
            value: Some(Points::parse(value).unwrap()),
            reason: reason.into(),
        })
        .unwrap();
}

#[test]
#[ignore]
fn screenshots() {
    let Some(out) = std::env::var_os("COMMISSIONE_SHOTS") else {
        return;
    };
    let out = Path::new(&out);
    let (tmp, office) = sondrio();

    // The import's preview: a form platform's export with one wrong tax code.
    let file = tmp.path().join("risposte-modulo.csv");
    std::fs::write(
        &file,
        "protocollo;ricevuta_il;denominazione;codice_fiscale;forma_giuridica;pec;lotto;titolo;contributo_richiesto\n\
         2026/0006160;02/03/2026 16:05:48;Retica Impresa Sociale S.r.l.;00982370140;impresa sociale;retica.impresasociale@legalmail.it;coworking;Valtellina Coworking Hub;€ 126.500,00\n\
         2026/0006601;04/03/2026 16:40;APS Rete Ventuno;00000000030;APS;;coworking;Rete Ventuno in Piastra;78.500,00\n\
         2026/0006602;05/03/2026 09:30;Associazione Valle Viva;12345679190;associazione culturale ETS;valleviva@pec.it;coworking;Valle Viva;65.000,00\n",
    )
    .unwrap();
    let mut h = harness(&office, Actor::Secretariat);
    h.run();
    click(&mut h, s::IMPORT_APPLICATIONS);
    retype(
        &mut h,
        s::IMPORT_FILE_APPLICATIONS,
        &file.display().to_string(),
    );
    click(&mut h, s::IMPORT_PREVIEW);
    save(&mut h, out, "anteprima");
    drop(h);

    // Two versions of Tognini's sheet, one revision apart on neither side.
    let laptop = tmp.path().join("portatile");
    crate::common::copy_dir(&office, &laptop);
    score(
        &office,
        Actor::Secretariat,
        "2026/0006160",
        "A",
        "0.8",
        "Trascritto dalla scheda cartacea: proposta chiara, obiettivi misurabili.",
    );
    score(
        &laptop,
        Actor::Member(member("tognini")),
        "2026/0006160",
        "B",
        "0.6",
        "Rivisto dopo il sopralluogo: rete territoriale ancora da consolidare.",
    );
    let sheet = tmp.path().join("scheda-tognini.ron");
    let ws = commissione::workspace::load(&laptop).workspace.unwrap();
    let text =
        commissione::workspace::travel::export(&ws, ws.sheet(&member("tognini")).unwrap(), None)
            .unwrap();
    std::fs::write(&sheet, text).unwrap();
    let mut h = harness(&office, Actor::Secretariat);
    h.run();
    click(&mut h, s::VIEW_VALUTAZIONE);
    click(&mut h, s::TAB_SHEETS);
    retype(&mut h, s::SHEET_PATH, &sheet.display().to_string());
    click(&mut h, s::IMPORT_HERE);
    save(&mut h, out, "confronto");
}
