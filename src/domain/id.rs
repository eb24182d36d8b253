//! Identifiers of the things a workspace names: lots, criteria, members, applications
//! (by protocol number), sessions, documents. Each is its own type, so a member id can never be
//! passed where a lot id is meant. Whether an id points at something that exists is checked
//! once, when the workspace is assembled (see `Workspace::assemble`).

use std::borrow::Borrow;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use smol_str::SmolStr;

/// Why a text cannot be an identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("l'identificativo è vuoto")]
    Empty,
    #[error("l'identificativo «{0}» ha spazi all'inizio o alla fine")]
    Padded(String),
    #[error("l'identificativo «{0}» contiene caratteri di controllo")]
    Control(String),
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
        /// Kept inside the value when short (up to 23 bytes: every real id): the evaluation
        /// and the views copy and compare ids by the hundred thousand (every mark names its
        /// member, application and criterion), and neither then touches the heap.
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(SmolStr);

        impl $name {
            pub fn new(text: impl Into<String>) -> Result<$name, IdError> {
                let text = text.into();
                check_id(&text)?;
                Ok($name(SmolStr::new(text)))
            }

            fn from_str_checked(text: &str) -> Result<$name, IdError> {
                check_id(text)?;
                Ok($name(SmolStr::new(text)))
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
    /// An application, by its protocol number ("2026/0004512").
    Protocol
);
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
}
