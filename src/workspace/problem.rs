//! A problem found in a workspace's files: the file, the line and column, an Italian sentence.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// From 1.
    pub line: usize,
    /// From 1, in characters.
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Problem {
    /// Relative to the workspace folder, with "/" separators: "candidature/P1.ron".
    pub file: PathBuf,
    /// None when the problem is the file itself (missing, unreadable, a folder).
    pub position: Option<Position>,
    pub message: String,
}

impl Problem {
    pub fn at(file: impl Into<PathBuf>, position: Position, message: impl Into<String>) -> Problem {
        Problem {
            file: file.into(),
            position: Some(position),
            message: message.into(),
        }
    }

    pub fn whole(file: impl Into<PathBuf>, message: impl Into<String>) -> Problem {
        Problem {
            file: file.into(),
            position: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    /// "candidature/P1.ron:12:5: «12,5» non è un importo valido: …"
    /// A message quotes what the file says: a control character there (a terminal escape) is
    /// spelled out, never written to the terminal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.to_string_lossy().replace('\\', "/");
        let message = crate::domain::text::visible(&self.message);
        match self.position {
            Some(p) => write!(f, "{file}:{}:{}: {message}", p.line, p.column),
            None => write!(f, "{file}: {message}"),
        }
    }
}
