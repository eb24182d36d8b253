//! What makes the documents PDF/A-2a (ISO 19005-2, level A): the XMP metadata packet that
//! repeats the document information and declares the conformance, and the output intent
//! with its embedded ICC profile (sRGB, see assets/icc/LICENSE-sRGB.txt).

use crate::domain::Moment;

/// The sRGB IEC 61966-2.1 profile of Debian's icc-profiles-free (zlib licence).
pub const SRGB_ICC: &[u8] = include_bytes!("../../assets/icc/sRGB.icc");
pub const SRGB_NAME: &str = "sRGB IEC61966-2.1";

/// The part and conformance level declared in the metadata.
pub const PART: u32 = 2;
pub const CONFORMANCE: &str = "A";

pub const CREATOR: &str = "Commissione";
pub const PRODUCER: &str = concat!("Commissione ", env!("CARGO_PKG_VERSION"));

/// "2026-11-21T10:30:00+01:00": the moment on Rome's clock, as XMP writes dates (and the
/// files of the call write moments).
pub fn xmp_date(moment: Moment) -> String {
    moment.to_string()
}

/// "D:20261121103000+01'00'": the same moment as the document information writes it.
pub fn pdf_date(moment: Moment) -> String {
    let text = moment.to_string();
    let digits: String = text.chars().take(19).filter(char::is_ascii_digit).collect();
    let offset = text.get(19..).unwrap_or("+00:00").replace(':', "'");
    format!("D:{digits}{offset}'")
}

/// A date of the document information read back: "D:20261121103000+01'00'" (the seconds,
/// minutes and offset may be missing, as other programs write them).
pub fn parse_pdf_date(text: &str) -> Option<Moment> {
    let text = text.strip_prefix("D:").unwrap_or(text);
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 8 {
        return None;
    }
    let part = |from: usize, to: usize| digits.get(from..to).unwrap_or("00");
    let rest = &text[digits.len()..];
    let offset = match rest.chars().next() {
        Some(sign @ ('+' | '-')) => {
            let o: String = rest[1..].chars().filter(char::is_ascii_digit).collect();
            format!(
                "{sign}{}:{}",
                o.get(0..2).unwrap_or("00"),
                o.get(2..4).unwrap_or("00")
            )
        }
        _ => "+00:00".to_string(),
    };
    Moment::parse(&format!(
        "{}-{}-{}T{}:{}:{}{offset}",
        part(0, 4),
        part(4, 6),
        part(6, 8),
        part(8, 10),
        part(10, 12),
        part(12, 14)
    ))
    .ok()
}

/// Text for an XML element's content or attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// What the metadata repeat of the document information.
pub struct Described<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    pub keywords: &'a str,
    pub date: Moment,
}

/// The XMP packet: PDF/A identification, and the document information's entries in the
/// properties PDF/A-2 (6.6.2.3) pairs them with.
pub fn xmp(d: &Described) -> Vec<u8> {
    let date = xmp_date(d.date);
    let text = format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
 <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n\
   <pdfaid:part>{PART}</pdfaid:part>\n\
   <pdfaid:conformance>{CONFORMANCE}</pdfaid:conformance>\n\
  </rdf:Description>\n\
  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n\
   <dc:format>application/pdf</dc:format>\n\
   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n\
   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{subject}</rdf:li></rdf:Alt></dc:description>\n\
   <dc:language><rdf:Bag><rdf:li>it-IT</rdf:li></rdf:Bag></dc:language>\n\
  </rdf:Description>\n\
  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n\
   <xmp:CreateDate>{date}</xmp:CreateDate>\n\
   <xmp:ModifyDate>{date}</xmp:ModifyDate>\n\
   <xmp:MetadataDate>{date}</xmp:MetadataDate>\n\
   <xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>\n\
  </rdf:Description>\n\
  <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n\
   <pdf:Producer>{PRODUCER}</pdf:Producer>\n\
   <pdf:Keywords>{keywords}</pdf:Keywords>\n\
  </rdf:Description>\n\
 </rdf:RDF>\n\
</x:xmpmeta>\n\
<?xpacket end=\"r\"?>",
        title = escape(d.title),
        author = escape(d.author),
        subject = escape(d.subject),
        keywords = escape(d.keywords),
    );
    text.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_carry_rome_offset_in_winter_and_summer() {
        let winter = Moment::parse("2026-11-21T10:30:00+01:00").unwrap();
        assert_eq!(xmp_date(winter), "2026-11-21T10:30:00+01:00");
        assert_eq!(pdf_date(winter), "D:20261121103000+01'00'");
        let summer = Moment::parse("2026-06-30T08:05:09Z").unwrap();
        assert_eq!(xmp_date(summer), "2026-06-30T10:05:09+02:00");
        assert_eq!(pdf_date(summer), "D:20260630100509+02'00'");
        for m in [winter, summer] {
            assert_eq!(parse_pdf_date(&pdf_date(m)), Some(m));
        }
    }

    #[test]
    fn metadata_escape_what_xml_reserves() {
        let x = String::from_utf8(xmp(&Described {
            title: "A & B <C>",
            author: "Comune",
            subject: "s",
            keywords: "k",
            date: Moment::parse("2026-11-21T10:30:00+01:00").unwrap(),
        }))
        .unwrap();
        assert!(x.contains("A &amp; B &lt;C&gt;"));
        assert!(x.contains("<pdfaid:part>2</pdfaid:part>"));
    }
}
