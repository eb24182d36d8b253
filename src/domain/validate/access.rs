//! The register of access requests against the applications and the criteria it names.

use super::*;
use crate::domain::access::AccessRegister;

pub(super) fn check_access(
    access: &mut AccessRegister,
    call: &Call,
    applications: &BTreeMap<Protocol, Application>,
    unavailable: &BTreeSet<Protocol>,
    report: &mut Report,
) {
    let known = |p: &Protocol| applications.contains_key(p) || unavailable.contains(p);
    let mut ids = BTreeSet::new();
    access.requests.retain_mut(|r| {
        if !ids.insert(r.id.clone()) {
            report.add(
                "id",
                &r.id,
                format!("la richiesta di accesso «{}» è registrata due volte", r.id),
            );
            return false;
        }
        if let Some(p) = &r.application
            && !known(p)
        {
            report.add(
                "application",
                p,
                format!(
                    "la richiesta di accesso «{}» è di una candidatura «{p}» che non esiste",
                    r.id
                ),
            );
            r.application = None;
        }
        r.counterparts.retain(|c| {
            let ok = known(&c.application);
            if !ok {
                report.add(
                    "application",
                    &c.application,
                    format!(
                        "la richiesta di accesso «{}» notifica la candidatura «{}», che non esiste",
                        r.id, c.application
                    ),
                );
            }
            ok
        });
        true
    });
    access.secrets.retain(|s| {
        if !known(&s.application) {
            report.add(
                "application",
                &s.application,
                format!(
                    "il segreto dichiarato è della candidatura «{}», che non esiste",
                    s.application
                ),
            );
            return false;
        }
        if let Some(c) = s.criteria.iter().find(|c| call.criterion(c).is_none()) {
            report.add(
                "criteria",
                c,
                format!(
                    "il segreto dichiarato dalla candidatura «{}» cita il criterio «{c}», che non esiste",
                    s.application
                ),
            );
            return false;
        }
        true
    });
}
