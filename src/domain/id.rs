//! Identifiers of the things a workspace names: lots, criteria, members, applications
//! (by protocol number), sessions, documents. Each is its own type, so a member id can never be
//! passed where a lot id is meant. Whether an id points at something that exists is checked
//! once, when the workspace is assembled (see `Workspace::assemble`).

use std::borrow::Borrow;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ustr::Ustr;

/// Why a text cannot be an identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("l'identificativo è vuoto")]
    Empty,
    #[error("l'identificativo «{0}» ha spazi all'inizio o alla fine")]
    Padded(String),
    #[error("l'identificativo «{0}» contiene caratteri di controllo")]
    Control(String),
    #[error(
        "l'identificativo «{0}» contiene un carattere invisibile ({1}): due identificativi che sembrano uguali sarebbero diversi; va tolto"
    )]
    Invisible(String, String),
    #[error("l'identificativo «{0}» è troppo lungo (al massimo 120 caratteri)")]
    TooLong(String),
}

pub(crate) fn check_id(text: &str) -> Result<(), IdError> {
    if text.is_empty() {
        Err(IdError::Empty)
    } else if text.trim() != text {
        Err(IdError::Padded(text.to_string()))
    } else if text.chars().any(char::is_control) {
        Err(IdError::Control(text.escape_debug().to_string()))
    } else if let Some(c) = text.chars().find(|c| crate::domain::text::is_invisible(*c)) {
        Err(IdError::Invisible(
            text.escape_unicode_invisible(),
            format!("U+{:04X}", c as u32),
        ))
    } else if text.chars().count() > 120 {
        Err(IdError::TooLong(
            text.chars().take(20).collect::<String>() + "…",
        ))
    } else {
        Ok(())
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// Interned: each distinct id is kept once for the whole program (never freed: a
        /// call's ids are a few thousand) and an id is a pointer to it, 8 bytes. The rules, the
        /// records and the views copy and compare ids by the million (a 10,000-application
        /// call has 1.3 million marks, each naming its application, criterion and member).
        /// Ordered and hashed by its text, as `Borrow<str>` requires.
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
        pub struct $name(Ustr);

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.as_str()).finish()
            }
        }

        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                self.as_str().hash(state)
            }
        }

        impl $name {
            pub fn new(text: impl Into<String>) -> Result<$name, IdError> {
                let text = text.into();
                check_id(&text)?;
                Ok($name(Ustr::from(text.as_str())))
            }

            fn from_str_checked(text: &str) -> Result<$name, IdError> {
                check_id(text)?;
                Ok($name(Ustr::from(text)))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(&self.0)
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                // Straight from the parser's text to the shared one: no String in between.
                struct Text;
                impl<'de> serde::de::Visitor<'de> for Text {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        $name::from_str_checked(v).map_err(E::custom)
                    }
                }
                d.deserialize_str(Text)
            }
        }
    };
}

id_type!(
    /// A lot (lotto, ambito, spazio).
    LotId
);
id_type!(
    /// A criterion or sub-criterion, as the call numbers it ("A", "B.1").
    CriterionId
);
id_type!(
    /// A member of the commission.
    MemberId
);
id_type!(
    /// An application, by its protocol number ("2026/0004512"). Two protocols are the same
    /// number when their [`Protocol::key`]s are equal: the workspace and the imports compare
    /// them so.
    Protocol
);

impl Protocol {
    /// The number as a reader compares it: compatibility forms folded (NFKC: "／" is "/"),
    /// every slash, backslash, hyphen, dash and minus sign made one "/", spaces dropped,
    /// letters in capitals. "2026/0004512", "2026∕0004512", "2026-0004512" and
    /// "2026 / 0004512" are one number.
    pub fn key(&self) -> String {
        protocol_key(self.as_str())
    }
}

impl Protocol {
    /// Whether two protocols are one number (their keys are equal), without building the
    /// keys when both are ASCII, as nearly all are: a check against every registered
    /// application must stay cheap.
    pub fn same_number(&self, other: &Protocol) -> bool {
        let (a, b) = (self.as_str(), other.as_str());
        if a.is_ascii() && b.is_ascii() {
            fn fold(t: &str) -> impl Iterator<Item = u8> + '_ {
                t.bytes()
                    .filter(|b| !b.is_ascii_whitespace())
                    .map(|b| match b {
                        b'/' | b'\\' | b'-' => b'/',
                        b => b.to_ascii_uppercase(),
                    })
            }
            return fold(a).eq(fold(b));
        }
        self.key() == other.key()
    }
}

/// See [`Protocol::key`].
pub fn protocol_key(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfkc()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '/'
            | '\\'
            | '-'
            | '\u{2010}'..='\u{2015}'
            | '\u{2044}'
            | '\u{2212}'
            | '\u{2215}'
            | '\u{2216}'
            | '\u{29f5}'
            | '\u{29f8}'
            | '\u{29f9}'
            | '\u{fe58}'
            | '\u{fe63}' => '/',
            c => c,
        })
        .flat_map(char::to_uppercase)
        .collect()
}

/// Invisible characters spelled as escapes, the rest as written: an invisible character
/// quoted in a message would itself not show.
trait EscapeInvisible {
    fn escape_unicode_invisible(&self) -> String;
}

impl EscapeInvisible for str {
    fn escape_unicode_invisible(&self) -> String {
        self.chars()
            .map(|c| match crate::domain::text::is_invisible(c) {
                true => format!("\\u{{{:x}}}", c as u32),
                false => c.to_string(),
            })
            .collect()
    }
}
id_type!(
    /// A session of the commission.
    SessionId
);
id_type!(
    /// A document the call requires.
    DocumentId
);
id_type!(
    /// A level of a tabular criterion ("si", "no", "oltre_3").
    LevelId
);
id_type!(
    /// A budget category ("personale", "spese_generali").
    CategoryId
);
id_type!(
    /// A request of access to the records ("a1").
    AccessId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interned_ids_order_hash_and_read_as_their_text() {
        // Made in the reverse of their order: the order is the text's, not the interning's.
        let later = MemberId::new("zz-interned-first").unwrap();
        let earlier = MemberId::new("aa-interned-second").unwrap();
        assert!(earlier < later);
        assert_eq!(MemberId::new("zz-interned-first").unwrap(), later);
        // Found by its text in a hash map, as `Borrow<str>` promises.
        let map: std::collections::HashMap<MemberId, u32> = [(later.clone(), 1)].into();
        assert_eq!(map.get("zz-interned-first"), Some(&1));
        assert_eq!(format!("{later:?}"), "MemberId(\"zz-interned-first\")");
        assert_eq!(ron::to_string(&later).unwrap(), "\"zz-interned-first\"");
        assert_eq!(std::mem::size_of::<MemberId>(), 8);
    }

    #[test]
    fn ids_refuse_empty_padded_and_control_text() {
        assert!(LotId::new("coworking").is_ok());
        assert!(Protocol::new("2026/0004512").is_ok());
        assert_eq!(LotId::new(""), Err(IdError::Empty));
        assert!(matches!(MemberId::new(" m1"), Err(IdError::Padded(_))));
        assert!(matches!(MemberId::new("m\n1"), Err(IdError::Control(_))));
        assert!(matches!(
            MemberId::new("x".repeat(121)),
            Err(IdError::TooLong(_))
        ));
    }

    #[test]
    fn invisible_characters_are_refused_in_identifiers() {
        let e = Protocol::new("2026/\u{200b}0004512").unwrap_err();
        assert!(matches!(e, IdError::Invisible(..)));
        assert!(
            e.to_string()
                .contains("«2026/\\u{200b}0004512» contiene un carattere invisibile (U+200B)"),
            "{e}"
        );
        assert!(Protocol::new("2026\u{feff}").is_err());
        assert!(LotId::new("co\u{ad}working").is_err());
    }

    #[test]
    fn protocols_that_read_the_same_have_one_key() {
        let key = |t: &str| Protocol::new(t).unwrap().key();
        for same in [
            "2026/0004512",
            "2026∕0004512",
            "2026⁄0004512",
            "2026／0004512",
            "2026-0004512",
            "2026–0004512",
            "2026 / 0004512",
            "2026\\0004512",
        ] {
            assert_eq!(key(same), "2026/0004512", "{same}");
        }
        assert_eq!(key("pg/2026/12"), key("PG-2026-12"));
        assert_ne!(key("2026/0004512"), key("2026/0004513"));
        // Compatibility digits fold too: "２０２６" is "2026".
        assert_eq!(key("２０２６/1"), "2026/1");
        let p = |t: &str| Protocol::new(t).unwrap();
        assert!(p("2026/0004512").same_number(&p("2026 - 0004512")));
        assert!(p("2026/0004512").same_number(&p("2026∕0004512")));
        assert!(!p("2026/0004512").same_number(&p("2026/00045120")));
    }
}
