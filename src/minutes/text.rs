//! Measuring and breaking text into lines by the glyphs' advance widths.
//!
//! A text is cleaned once into a single string (spaces collapsed, characters the font lacks
//! replaced) whose words are byte ranges with their widths: a verbale sets hundreds of
//! thousands of cells, and a string per word would cost more than the setting itself.

use super::font::{Faces, REPLACEMENT, Style};

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

/// Text in one style as a page holds it: words separated by single spaces, each of which may
/// be widened to justify the line.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub style: Style,
    pub text: String,
}

/// A line set to a width.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub runs: Vec<Run>,
    /// With one space between words.
    pub width: f32,
    /// The spaces between its words.
    pub gaps: usize,
    /// The width of one space at this size.
    pub space: f32,
    /// Whether a justified paragraph may stretch it: not its last line, nor one before a
    /// line break the author wrote.
    pub stretchable: bool,
}

impl Line {
    /// Extra room to add to each gap between words so that the line fills `width`.
    pub fn justify_gap(&self, width: f32) -> f32 {
        if !self.stretchable || self.gaps == 0 || self.width >= width {
            return 0.0;
        }
        let extra = (width - self.width) / self.gaps as f32;
        // Three words on a wide line would stand in a row of holes: leave it ragged.
        if extra > 4.0 * self.space { 0.0 } else { extra }
    }

    #[cfg(test)]
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A space no line breaks at and justification does not widen. It stands for an ordinary
/// space: the PDF shows and extracts it as one.
pub const NBSP: char = '\u{a0}';

#[derive(Debug, Clone, Copy)]
enum Token {
    Word {
        start: usize,
        end: usize,
        width: f32,
    },
    /// A line break the author wrote.
    Break,
}

/// Text cleaned and cut into measured words, ready to be set at one size.
pub struct Prepared<'f> {
    faces: Faces<'f>,
    size: f32,
    text: String,
    /// Where each style starts, in byte offsets, in order.
    styles: Vec<(usize, Style)>,
    tokens: Vec<Token>,
}

impl<'f> Prepared<'f> {
    pub fn new(faces: Faces<'f>, spans: &[Span], size: f32) -> Prepared<'f> {
        let mut text = String::with_capacity(spans.iter().map(|s| s.text.len()).sum());
        let mut styles: Vec<(usize, Style)> = Vec::new();
        for span in spans {
            for c in span.text.chars() {
                // Spaces and breaks in the span's own face (justification widens its spaces);
                // a character its face lacks in the fallback face (see `font`).
                let (c, style) = if c == '\n' || c == NBSP {
                    (c, span.style)
                } else if c.is_control() || c.is_whitespace() {
                    (' ', span.style)
                } else {
                    match faces.charset.style_for(c, span.style) {
                        Some(style) => (c, style),
                        None => (REPLACEMENT, span.style),
                    }
                };
                if styles.last().is_none_or(|(_, s)| *s != style) {
                    styles.push((text.len(), style));
                }
                match c {
                    ' ' => match text.chars().next_back() {
                        None | Some(' ' | '\n') => {}
                        // "€ 3.750,00" is one word: the sign never ends a line alone.
                        Some('€') => text.push(NBSP),
                        Some(_) => text.push(' '),
                    },
                    '\n' => {
                        if text.ends_with(' ') {
                            text.pop();
                        }
                        text.push('\n');
                    }
                    c => text.push(c),
                }
            }
        }
        if styles.is_empty() {
            styles.push((0, Style::Regular));
        }
        let mut prepared = Prepared {
            faces,
            size,
            text,
            styles,
            tokens: Vec::new(),
        };
        prepared.tokenize();
        prepared
    }

    /// The width of `text[start..end]`, each character in the style it has there.
    fn measure(&self, start: usize, end: usize) -> f32 {
        let mut width = 0.0;
        let mut from = start;
        let mut k = self
            .styles
            .partition_point(|(s, _)| *s <= start)
            .saturating_sub(1);
        while from < end {
            let (_, style) = self.styles[k];
            let until = self.styles.get(k + 1).map_or(end, |(s, _)| (*s).min(end));
            width += self
                .faces
                .fonts
                .face(style)
                .width(&self.text[from..until], self.size);
            from = until;
            k += 1;
        }
        width
    }

    fn tokenize(&mut self) {
        let mut tokens = Vec::new();
        let mut start = None;
        for (i, c) in self.text.char_indices() {
            if c == ' ' || c == '\n' {
                if let Some(s) = start.take() {
                    tokens.push(Token::Word {
                        start: s,
                        end: i,
                        width: self.measure(s, i),
                    });
                }
                if c == '\n' {
                    tokens.push(Token::Break);
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        if let Some(s) = start {
            let end = self.text.len();
            tokens.push(Token::Word {
                start: s,
                end,
                width: self.measure(s, end),
            });
        }
        self.tokens = tokens;
    }

    fn space(&self) -> f32 {
        self.faces.fonts.regular.width(" ", self.size)
    }

    /// The widest word and the widest line unbroken, for fitting table columns.
    pub fn extent(&self) -> (f32, f32) {
        let space = self.space();
        let (mut min, mut max, mut line) = (0.0f32, 0.0f32, 0.0f32);
        for token in &self.tokens {
            match *token {
                Token::Break => {
                    max = max.max(line);
                    line = 0.0;
                }
                Token::Word { width, .. } => {
                    min = min.max(width);
                    line = if line > 0.0 {
                        line + space + width
                    } else {
                        width
                    };
                }
            }
        }
        (min, max.max(line))
    }

    /// Cuts a word wider than a line into parts that fit, character by character.
    fn split_long(&self, start: usize, end: usize, width: f32, out: &mut Vec<(usize, usize, f32)>) {
        let mut from = start;
        let mut used = 0.0;
        for (i, c) in self.text[start..end].char_indices() {
            let at = start + i;
            let w = self.measure(at, at + c.len_utf8());
            if used + w > width && at > from {
                out.push((from, at, used));
                from = at;
                used = 0.0;
            }
            used += w;
        }
        out.push((from, end, used));
    }

    /// The runs of styles in `text[start..end]`.
    fn runs(&self, start: usize, end: usize) -> Vec<Run> {
        let mut runs = Vec::new();
        let mut from = start;
        let mut k = self
            .styles
            .partition_point(|(s, _)| *s <= start)
            .saturating_sub(1);
        while from < end {
            let (_, style) = self.styles[k];
            let until = self.styles.get(k + 1).map_or(end, |(s, _)| (*s).min(end));
            if until > from {
                runs.push(Run {
                    style,
                    text: self.text[from..until].to_string(),
                });
            }
            from = until;
            k += 1;
        }
        runs
    }

    /// Breaks the text into lines no wider than `width`, first fit. An empty text gives no
    /// lines.
    pub fn wrap(&self, width: f32) -> Vec<Line> {
        let space = self.space();
        let mut lines = Vec::new();
        // The words of the line being filled: start, end, and the line's width so far.
        let mut current: Option<(usize, usize, f32, usize)> = None;
        let mut finish = |current: &mut Option<(usize, usize, f32, usize)>, stretchable: bool| {
            if let Some((start, end, w, words)) = current.take() {
                lines.push(Line {
                    runs: self.runs(start, end),
                    width: w,
                    gaps: words - 1,
                    space,
                    stretchable,
                });
            }
        };
        let mut parts = Vec::new();
        for token in &self.tokens {
            let (start, end, w) = match *token {
                Token::Break => {
                    finish(&mut current, false);
                    continue;
                }
                Token::Word { start, end, width } => (start, end, width),
            };
            parts.clear();
            if w > width {
                self.split_long(start, end, width, &mut parts);
            } else {
                parts.push((start, end, w));
            }
            for &(start, end, w) in &parts {
                match current {
                    Some((s, _, lw, n)) if lw + space + w <= width => {
                        current = Some((s, end, lw + space + w, n + 1));
                    }
                    Some(_) => {
                        finish(&mut current, true);
                        current = Some((start, end, w, 1));
                    }
                    None => current = Some((start, end, w, 1)),
                }
            }
        }
        finish(&mut current, false);
        lines
    }
}

/// Breaks the spans into lines no wider than `width`.
pub fn wrap(faces: Faces, spans: &[Span], size: f32, width: f32) -> Vec<Line> {
    Prepared::new(faces, spans, size).wrap(width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::minutes::font::{Charset, Fonts, fonts};

    fn faces(f: &Fonts) -> (&Fonts, Charset) {
        (f, Charset::all(f))
    }

    fn measured(f: &Fonts, line: &Line, size: f32) -> f32 {
        line.runs
            .iter()
            .map(|r| f.face(r.style).width(&r.text, size))
            .sum()
    }

    #[test]
    fn lines_never_pass_the_width() {
        let f = fonts().unwrap();
        let (f, charset) = faces(f);
        let ff = Faces {
            fonts: f,
            charset: &charset,
        };
        let text = "La commissione, esaminata la documentazione pervenuta, ritiene la proposta \
                    chiara e ben articolata; l'analisi dei bisogni è puntuale. Parolalunghissimasenzaspazi".repeat(3);
        for width in [40.0, 90.0, 200.0, 450.0] {
            let lines = wrap(ff, &[Span::regular(text.clone())], 11.0, width);
            assert!(lines.len() > 1);
            for l in &lines {
                let m = measured(f, l, 11.0);
                assert!(m <= width + 0.01, "{m} > {width}: {}", l.text());
                assert!(
                    (m - l.width).abs() < 0.01,
                    "{m} vs {}: {}",
                    l.width,
                    l.text()
                );
                assert_eq!(l.gaps, l.text().matches(' ').count());
            }
            let joined: Vec<String> = lines.iter().map(Line::text).collect();
            assert_eq!(joined.concat().replace(' ', ""), text.replace(' ', ""));
        }
    }

    #[test]
    fn written_breaks_are_kept_and_not_stretched() {
        let f = fonts().unwrap();
        let (f, charset) = faces(f);
        let ff = Faces {
            fonts: f,
            charset: &charset,
        };
        let lines = wrap(ff, &[Span::regular("uno  due \n tre\t")], 11.0, 400.0);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text(), "uno due");
        assert!(!lines[0].stretchable);
        assert_eq!(lines[1].text(), "tre");
    }

    #[test]
    fn styles_join_inside_a_word() {
        let f = fonts().unwrap();
        let (f, charset) = faces(f);
        let ff = Faces {
            fonts: f,
            charset: &charset,
        };
        let lines = wrap(
            ff,
            &[Span::bold("Verbale"), Span::regular(" n. 2,")],
            11.0,
            400.0,
        );
        assert_eq!(lines[0].text(), "Verbale n. 2,");
        let runs = &lines[0].runs;
        assert_eq!(runs.len(), 2);
        assert_eq!(
            (runs[0].style, runs[0].text.as_str()),
            (Style::Bold, "Verbale")
        );
        assert_eq!(runs[1].text, " n. 2,");
        let m = measured(f, &lines[0], 11.0);
        assert!((m - lines[0].width).abs() < 0.01);
    }

    #[test]
    fn the_euro_sign_stays_with_its_amount() {
        let f = fonts().unwrap();
        let (f, charset) = faces(f);
        let ff = Faces {
            fonts: f,
            charset: &charset,
        };
        let text = "eccede di € 3.750,00 e di € 500,00";
        let narrow = f.regular.width("eccede di € 3.750", 11.0);
        for line in wrap(ff, &[Span::regular(text)], 11.0, narrow) {
            assert!(!line.text().ends_with('€'), "{}", line.text());
        }
    }

    #[test]
    fn characters_the_font_lacks_are_replaced() {
        let f = fonts().unwrap();
        let (f, charset) = faces(f);
        let ff = Faces {
            fonts: f,
            charset: &charset,
        };
        let lines = wrap(ff, &[Span::regular("a\tb😀")], 11.0, 400.0);
        assert_eq!(lines[0].text(), "a b?");
    }
}
