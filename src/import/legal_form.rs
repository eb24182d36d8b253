//! Legal forms as people type them in a form ("APS", "Coop. sociale", "Fondazione ETS"), mapped
//! to the domain's; any other is kept as written, with a notice, and the call's admissibility
//! check decides about it.

use super::values::fold;
use crate::domain::LegalForm;

/// A legal form as people write it, and a notice when it is not one the program knows.
pub fn legal_form(text: &str) -> (LegalForm, Option<String>) {
    let folded = fold(text);
    // Qualifiers that do not change the form: the registration in the RUNTS, the old ONLUS
    // label, a cooperative's type and liability.
    const QUALIFIERS: [&str; 12] = [
        "ets",
        "onlus",
        "ente_del_terzo_settore",
        "ente_terzo_settore",
        "a_rl",
        "arl",
        "scarl",
        "scrl",
        "di_tipo_a",
        "di_tipo_b",
        "tipo_a",
        "tipo_b",
    ];
    let mut key = folded.clone();
    loop {
        let before = key.len();
        for q in QUALIFIERS {
            if key == q {
                key.clear();
            } else if let Some(rest) = key.strip_suffix(&format!("_{q}")) {
                key = rest.to_string();
            }
        }
        if key.len() == before {
            break;
        }
    }
    let known = match key.as_str() {
        "aps" | "associazione_di_promozione_sociale" | "associazione_promozione_sociale" => {
            Some(LegalForm::SocialPromotionAssociation)
        }
        "odv" | "organizzazione_di_volontariato" | "associazione_di_volontariato" => {
            Some(LegalForm::VolunteerOrganisation)
        }
        "cooperativa_sociale"
        | "coop_sociale"
        | "coop_soc"
        | "societa_cooperativa_sociale"
        | "soc_coop_sociale"
        | "soc_coop_soc"
        | "scs"
        | "consorzio_di_cooperative_sociali" => Some(LegalForm::SocialCooperative),
        "impresa_sociale" | "is" => Some(LegalForm::SocialEnterprise),
        "fondazione" | "fondazione_di_partecipazione" => Some(LegalForm::Foundation),
        "associazione"
        | "associazione_riconosciuta"
        | "associazione_non_riconosciuta"
        | "associazione_culturale"
        | "associazione_sportiva_dilettantistica"
        | "asd" => Some(LegalForm::Association),
        "ente_religioso"
        | "ente_religioso_civilmente_riconosciuto"
        | "ente_ecclesiastico"
        | "parrocchia" => Some(LegalForm::ReligiousBody),
        "srl" | "spa" | "snc" | "sas" | "srls" | "societa" | "impresa" | "ditta_individuale" => {
            Some(LegalForm::Company)
        }
        "ente_pubblico"
        | "comune"
        | "universita"
        | "ente_di_ricerca"
        | "pubblica_amministrazione" => Some(LegalForm::PublicBody),
        "gruppo_informale" | "gruppo_informale_di_cittadini" => Some(LegalForm::InformalGroup),
        _ => None,
    };
    if let Some(form) = known {
        return (form, None);
    }
    let stated = text.trim().to_string();
    let notice = if key.is_empty() && !folded.is_empty() {
        super::messages::third_sector_unspecified(&stated)
    } else {
        super::messages::legal_form_unknown(&stated)
    };
    (LegalForm::Other(stated), Some(notice))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_forms_as_people_write_them() {
        for (text, form) in [
            ("APS", LegalForm::SocialPromotionAssociation),
            ("A.P.S.", LegalForm::SocialPromotionAssociation),
            (
                "Associazione di Promozione Sociale - ETS",
                LegalForm::SocialPromotionAssociation,
            ),
            ("ODV", LegalForm::VolunteerOrganisation),
            (
                "Organizzazione di volontariato ETS",
                LegalForm::VolunteerOrganisation,
            ),
            ("cooperativa sociale", LegalForm::SocialCooperative),
            ("Coop. Sociale", LegalForm::SocialCooperative),
            (
                "Società Cooperativa Sociale ONLUS",
                LegalForm::SocialCooperative,
            ),
            (
                "Cooperativa sociale di tipo B",
                LegalForm::SocialCooperative,
            ),
            ("Impresa sociale", LegalForm::SocialEnterprise),
            ("Fondazione ETS", LegalForm::Foundation),
            ("S.r.l.", LegalForm::Company),
            ("Gruppo informale", LegalForm::InformalGroup),
        ] {
            let (got, notice) = legal_form(text);
            assert_eq!(got, form, "{text}");
            assert!(notice.is_none(), "{text}");
        }
        let (got, notice) = legal_form("ETS");
        assert_eq!(got, LegalForm::Other("ETS".into()));
        assert!(notice.unwrap().contains("non dice quale"));
        let (got, notice) = legal_form("Comitato di quartiere");
        assert_eq!(got, LegalForm::Other("Comitato di quartiere".into()));
        assert!(notice.is_some());
    }
}
