//! Measuring and breaking text into lines by the glyphs' advance widths.

use super::font::{Fonts, Style};

/// A stretch of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

impl Span {
    pub fn regular(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            style: Style::Regular,
        }
    }

    pub fn bold(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            style: Style::Bold,
        }
    }
}

/// Text in one style inside a word: "€" regular then "131.760,00" bold is one word of two pieces.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub text: String,
    pub style: Style,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Word {
    pub pieces: Vec<Piece>,
    pub width: f32,
}

/// Text in one style as a page holds it: words separated by single spaces, each of which may
/// be widened to justify the line.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub style: Style,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub words: Vec<Word>,
    /// With one space between words.
    pub width: f32,
    /// The width of one space at this size.
    pub space: f32,
    /// Whether a justified paragraph may stretch it: not its last line, nor one before a
    /// line break the author wrote.
    pub stretchable: bool,
}

impl Line {
    /// Extra room to add to each gap between words so that the line fills `width`.
    pub fn justify_gap(&self, width: f32) -> f32 {
        let gaps = self.words.len().saturating_sub(1);
        if !self.stretchable || gaps == 0 || self.width >= width {
            return 0.0;
        }
        let extra = (width - self.width) / gaps as f32;
        // Three words on a wide line would stand in a row of holes: leave it ragged.
        if extra > 4.0 * self.space { 0.0 } else { extra }
    }

    /// The line as runs of one style each, the words joined by single spaces: what a page
    /// keeps of it, far smaller than the words one by one.
    pub fn runs(&self) -> Vec<Run> {
        let mut runs: Vec<Run> = Vec::new();
        for (i, word) in self.words.iter().enumerate() {
            for (k, piece) in word.pieces.iter().enumerate() {
                let space = i > 0 && k == 0;
                match runs.last_mut() {
                    Some(run) if run.style == piece.style => {
                        if space {
                            run.text.push(' ');
                        }
                        run.text.push_str(&piece.text);
                    }
                    last => {
                        // The space before a word that changes style ends the previous run.
                        if space && let Some(run) = last {
                            run.text.push(' ');
                        }
                        runs.push(Run {
                            style: piece.style,
                            text: piece.text.clone(),
                        });
                    }
                }
            }
        }
        runs
    }

    #[cfg(test)]
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            for p in &w.pieces {
                out.push_str(&p.text);
            }
        }
        out
    }
}

/// A space no line breaks at and justification does not widen. It stands for an ordinary
/// space: the PDF shows and extracts it as one.
pub const NBSP: char = '\u{a0}';

fn ends_with_euro(word: &Word) -> bool {
    word.pieces.last().is_some_and(|p| p.text.ends_with('€'))
}

/// Splits the spans into words (pieces joined where no space separates them) and forced
/// breaks, measured at `size`. `None` stands for a line break the author wrote.
fn words(fonts: &Fonts, spans: &[Span], size: f32) -> Vec<Option<Word>> {
    let mut out = Vec::new();
    let mut word = Word::default();
    let mut piece = String::new();
    let mut piece_style = Style::Regular;
    let flush_piece = |word: &mut Word, piece: &mut String, style: Style| {
        if !piece.is_empty() {
            word.width += fonts.face(style).width(piece, size);
            word.pieces.push(Piece {
                text: std::mem::take(piece),
                style,
            });
        }
    };
    for span in spans {
        if span.style != piece_style {
            flush_piece(&mut word, &mut piece, piece_style);
            piece_style = span.style;
        }
        for c in fonts.clean(&span.text).chars() {
            // "€ 3.750,00" is one word: the sign never ends a line without its amount.
            if c == ' ' && (piece.ends_with('€') || piece.is_empty() && ends_with_euro(&word)) {
                piece.push(NBSP);
            } else if c == '\n' || c == ' ' {
                flush_piece(&mut word, &mut piece, piece_style);
                if !word.pieces.is_empty() {
                    out.push(Some(std::mem::take(&mut word)));
                }
                if c == '\n' {
                    out.push(None);
                }
            } else {
                piece.push(c);
            }
        }
    }
    flush_piece(&mut word, &mut piece, piece_style);
    if !word.pieces.is_empty() {
        out.push(Some(word));
    }
    out
}

/// Cuts a word wider than a line into pieces that fit, character by character.
fn split_long(fonts: &Fonts, word: Word, size: f32, width: f32) -> Vec<Word> {
    let mut out = Vec::new();
    let mut current = Word::default();
    for piece in word.pieces {
        let face = fonts.face(piece.style);
        let mut text = String::new();
        let mut text_width = 0.0;
        for c in piece.text.chars() {
            let w = face.width(c.encode_utf8(&mut [0; 4]), size);
            if current.width + text_width + w > width && (current.width + text_width) > 0.0 {
                if !text.is_empty() {
                    current.pieces.push(Piece {
                        text: std::mem::take(&mut text),
                        style: piece.style,
                    });
                    current.width += text_width;
                    text_width = 0.0;
                }
                out.push(std::mem::take(&mut current));
            }
            text.push(c);
            text_width += w;
        }
        if !text.is_empty() {
            current.pieces.push(Piece {
                text,
                style: piece.style,
            });
            current.width += text_width;
        }
    }
    if !current.pieces.is_empty() {
        out.push(current);
    }
    out
}

/// Breaks the text into lines no wider than `width`, first fit. An empty text gives no lines.
pub fn wrap(fonts: &Fonts, spans: &[Span], size: f32, width: f32) -> Vec<Line> {
    let space = fonts.regular.width(" ", size);
    let mut lines = Vec::new();
    let mut line = Line {
        words: Vec::new(),
        width: 0.0,
        space,
        stretchable: true,
    };
    let finish = |line: &mut Line, lines: &mut Vec<Line>, stretchable: bool| {
        let mut done = std::mem::replace(
            line,
            Line {
                words: Vec::new(),
                width: 0.0,
                space,
                stretchable: true,
            },
        );
        done.stretchable = stretchable;
        lines.push(done);
    };
    for item in words(fonts, spans, size) {
        let Some(word) = item else {
            finish(&mut line, &mut lines, false);
            continue;
        };
        let parts = if word.width > width {
            split_long(fonts, word, size, width)
        } else {
            vec![word]
        };
        for word in parts {
            let needed = if line.words.is_empty() {
                word.width
            } else {
                line.width + space + word.width
            };
            if needed > width && !line.words.is_empty() {
                finish(&mut line, &mut lines, true);
                line.width = word.width;
            } else {
                line.width = needed;
            }
            line.words.push(word);
        }
    }
    if !line.words.is_empty() {
        finish(&mut line, &mut lines, false);
    }
    // A break the author wrote at the very end leaves an empty line: drop it.
    while lines.last().is_some_and(|l| l.words.is_empty()) {
        lines.pop();
    }
    lines
}

/// The widest word and the widest line unbroken, for fitting table columns.
pub fn extent(fonts: &Fonts, spans: &[Span], size: f32) -> (f32, f32) {
    let space = fonts.regular.width(" ", size);
    let (mut min, mut max, mut line) = (0.0f32, 0.0f32, 0.0f32);
    for item in words(fonts, spans, size) {
        match item {
            None => {
                max = max.max(line);
                line = 0.0;
            }
            Some(w) => {
                min = min.max(w.width);
                line = if line > 0.0 {
                    line + space + w.width
                } else {
                    w.width
                };
            }
        }
    }
    (min, max.max(line))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::minutes::font::fonts;

    #[test]
    fn lines_never_pass_the_width() {
        let f = fonts().unwrap();
        let text = "La commissione, esaminata la documentazione pervenuta, ritiene la proposta \
                    chiara e ben articolata; l'analisi dei bisogni è puntuale. Parolalunghissimasenzaspazi".repeat(3);
        for width in [40.0, 90.0, 200.0, 450.0] {
            let lines = wrap(f, &[Span::regular(text.clone())], 11.0, width);
            assert!(lines.len() > 1);
            for l in &lines {
                let measured = f.regular.width(&l.text(), 11.0);
                assert!(
                    measured <= width + 0.01,
                    "{measured} > {width}: {}",
                    l.text()
                );
                assert!((measured - l.width).abs() < 0.01);
            }
            let joined: Vec<String> = lines.iter().map(Line::text).collect();
            assert_eq!(joined.concat().replace(' ', ""), text.replace(' ', ""));
        }
    }

    #[test]
    fn written_breaks_are_kept_and_not_stretched() {
        let f = fonts().unwrap();
        let lines = wrap(f, &[Span::regular("uno due\ntre")], 11.0, 400.0);
        assert_eq!(lines.len(), 2);
        assert!(!lines[0].stretchable);
        assert_eq!(lines[1].text(), "tre");
    }

    #[test]
    fn the_euro_sign_stays_with_its_amount() {
        let f = fonts().unwrap();
        let text = "eccede di € 3.750,00 e di € 500,00";
        let narrow = f.regular.width("eccede di € 3.750", 11.0);
        for line in wrap(f, &[Span::regular(text)], 11.0, narrow) {
            assert!(!line.text().ends_with('€'), "{}", line.text());
        }
    }

    #[test]
    fn styles_join_inside_a_word() {
        let f = fonts().unwrap();
        let lines = wrap(
            f,
            &[Span::bold("Verbale"), Span::regular(" n. 2,")],
            11.0,
            400.0,
        );
        assert_eq!(lines[0].text(), "Verbale n. 2,");
        assert_eq!(lines[0].words[0].pieces[0].style, Style::Bold);
        let runs = lines[0].runs();
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0].text, "Verbale ");
        assert_eq!(runs[1].text, "n. 2,");
    }
}
