//! Italian tax codes: the 11-digit code of entities (codice fiscale numerico / partita IVA)
//! and the 16-character code of persons, with their check characters.

/// What kind of subject a valid tax code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaxCodeKind {
    Entity,
    Person,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TaxCodeError {
    #[error("il codice fiscale «{0}» deve avere 11 cifre (enti) o 16 caratteri (persone fisiche)")]
    Length(String),
    #[error("il codice fiscale «{0}» contiene caratteri non ammessi")]
    Characters(String),
    #[error(
        "il codice fiscale «{code}» ha il carattere di controllo errato: «{found}» invece di «{expected}»"
    )]
    CheckCharacter {
        code: String,
        found: char,
        expected: char,
    },
}

/// Checks a tax code's form and check character. Spaces and case are forgiven.
pub fn check_tax_code(code: &str) -> Result<TaxCodeKind, TaxCodeError> {
    let normalized: String = code
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let chars: Vec<char> = normalized.chars().collect();
    match chars.len() {
        11 => {
            if !chars.iter().all(char::is_ascii_digit) {
                return Err(TaxCodeError::Characters(code.to_string()));
            }
            let expected = entity_check_digit(&normalized[..10])
                .ok_or_else(|| TaxCodeError::Characters(code.to_string()))?;
            check(code, chars[10], expected, TaxCodeKind::Entity)
        }
        16 => {
            if !person_form_is_valid(&chars) {
                return Err(TaxCodeError::Characters(code.to_string()));
            }
            let expected = person_check_character(&normalized[..15])
                .ok_or_else(|| TaxCodeError::Characters(code.to_string()))?;
            check(code, chars[15], expected, TaxCodeKind::Person)
        }
        _ => Err(TaxCodeError::Length(code.to_string())),
    }
}

fn check(
    code: &str,
    found: char,
    expected: char,
    kind: TaxCodeKind,
) -> Result<TaxCodeKind, TaxCodeError> {
    if found == expected {
        Ok(kind)
    } else {
        Err(TaxCodeError::CheckCharacter {
            code: code.to_string(),
            found,
            expected,
        })
    }
}

/// The check digit of an entity's code, from its first ten digits.
pub fn entity_check_digit(first_ten: &str) -> Option<char> {
    if first_ten.len() != 10 || !first_ten.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first_ten
        .bytes()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 0 {
                d
            } else if d * 2 > 9 {
                d * 2 - 9
            } else {
                d * 2
            }
        })
        .sum();
    char::from_digit((10 - sum % 10) % 10, 10)
}

/// The check letter of a person's code, from its first fifteen characters.
pub fn person_check_character(first_fifteen: &str) -> Option<char> {
    const ODD: [u32; 26] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
        23,
    ];
    if first_fifteen.chars().count() != 15 {
        return None;
    }
    let mut sum = 0;
    for (i, c) in first_fifteen.chars().enumerate() {
        let index = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A'..='Z' => c as u32 - 'A' as u32,
            _ => return None,
        };
        // Positions are counted from 1: the odd ones use the table.
        sum += if i % 2 == 0 {
            ODD[index as usize]
        } else {
            index
        };
    }
    char::from_u32('A' as u32 + sum % 26)
}

fn person_form_is_valid(chars: &[char]) -> bool {
    const MONTHS: &str = "ABCDEHLMPRST";
    // Digits may be replaced by these letters (omocodia).
    let digitish = |c: char| c.is_ascii_digit() || "LMNPQRSTUV".contains(c);
    chars[..6].iter().all(char::is_ascii_uppercase)
        && digitish(chars[6])
        && digitish(chars[7])
        && MONTHS.contains(chars[8])
        && digitish(chars[9])
        && digitish(chars[10])
        && chars[11].is_ascii_uppercase()
        && chars[12..15].iter().all(|&c| digitish(c))
        && chars[15].is_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_entity_codes_pass() {
        // Comune di Milano and Comune di Sondrio.
        assert_eq!(check_tax_code("01199250158"), Ok(TaxCodeKind::Entity));
        assert_eq!(check_tax_code("00095450144"), Ok(TaxCodeKind::Entity));
    }

    #[test]
    fn a_changed_digit_is_caught() {
        assert!(matches!(
            check_tax_code("01199250159"),
            Err(TaxCodeError::CheckCharacter { expected: '8', .. })
        ));
    }

    #[test]
    fn person_codes_check_their_letter() {
        // The textbook example: Mario Rossi, born in Rome on 1 January 1980.
        assert_eq!(check_tax_code("RSSMRA80A01H501U"), Ok(TaxCodeKind::Person));
        assert_eq!(check_tax_code("rssmra80a01h501u"), Ok(TaxCodeKind::Person));
        assert!(matches!(
            check_tax_code("RSSMRA80A01H501X"),
            Err(TaxCodeError::CheckCharacter { .. })
        ));
        assert!(matches!(
            check_tax_code("RSSMRA80Z01H501U"),
            Err(TaxCodeError::Characters(_))
        ));
        assert!(matches!(
            check_tax_code("123"),
            Err(TaxCodeError::Length(_))
        ));
    }
}
