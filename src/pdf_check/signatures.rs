//! The signatures in a PDF: who signed (the common name of the signer's certificate, read from
//! the CMS SignedData), when, and which bytes each signature covers. Whether the certificate
//! is to be trusted is not judged here: the signers' own tools do that.

use cms::cert::x509::der::asn1::{GeneralizedTime, ObjectIdentifier, OctetString};
use cms::cert::x509::der::{Any, Decode, Encode, Reader, SliceReader, Tag, Tagged};
use cms::cert::x509::{Certificate, time::Time};
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use lopdf::{Dictionary, Document, Object};
use sha2::{Digest, Sha256, Sha384, Sha512};

use crate::domain::Moment;
use crate::italian;

const CN: &str = "2.5.4.3";
const MESSAGE_DIGEST: &str = "1.2.840.113549.1.9.4";
const SIGNING_TIME: &str = "1.2.840.113549.1.9.5";
const SUBJECT_KEY_ID: &str = "2.5.29.14";

/// One signature or document timestamp found in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// A document timestamp (`/DocTimeStamp`) rather than a person's signature.
    pub timestamp: bool,
    /// The signature field's name.
    pub field: Option<String>,
    /// The common name (CN) of the signer's certificate, or of the time-stamping authority.
    pub signer: Option<String>,
    /// When it was signed, in Italian: the time the signature claims (`/M`, or the CMS signing
    /// time), or the time the timestamp certifies.
    pub time: Option<String>,
    /// Whether the bytes it covers include the whole sealed document.
    pub covers_sealed: bool,
    /// Whether it covers the whole file (only the last signature usually does).
    pub covers_file: bool,
    /// Whether the digest it signs is the digest of the bytes it covers; None when that cannot
    /// be computed (an algorithm not known here, a signature that cannot be read).
    pub digest_matches: Option<bool>,
    /// The page on which the signature shows an appearance, if it has a visible one.
    pub visible_on: Option<u32>,
}

/// Every signature value in the document, in the order they were made (by how far they cover).
pub fn signatures(doc: &Document, pdf: &[u8], sealed_len: usize) -> Vec<Signature> {
    let mut fields = std::collections::BTreeMap::new();
    let pages: std::collections::BTreeMap<_, _> =
        doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    for object in doc.objects.values() {
        let Ok(field) = object.as_dict() else {
            continue;
        };
        if let Ok(value) = field.get(b"V").and_then(Object::as_reference) {
            let name = field
                .get(b"T")
                .and_then(Object::as_str)
                .ok()
                .map(|t| String::from_utf8_lossy(t).into_owned());
            let page = field
                .get(b"P")
                .and_then(Object::as_reference)
                .ok()
                .and_then(|p| pages.get(&p).copied())
                .filter(|_| super::changes::is_visible(doc, field));
            fields.insert(value, (name, page));
        }
    }
    let mut found: Vec<(usize, Signature)> = doc
        .objects
        .iter()
        .filter_map(|(id, object)| {
            let dict = object.as_dict().ok()?;
            let range = byte_range(dict)?;
            let (name, page) = fields.get(id).cloned().unwrap_or((None, None));
            let mut signature = read(dict, pdf, &range, sealed_len);
            signature.field = name;
            signature.visible_on = page;
            Some((range[2] + range[3], signature))
        })
        .collect();
    found.sort_by_key(|(end, _)| *end);
    found.into_iter().map(|(_, s)| s).collect()
}

/// `/ByteRange [a b c d]` of a signature value.
fn byte_range(dict: &Dictionary) -> Option<[usize; 4]> {
    let items = dict.get(b"ByteRange").ok()?.as_array().ok()?;
    let numbers: Vec<usize> = items
        .iter()
        .filter_map(|n| n.as_i64().ok().and_then(|n| usize::try_from(n).ok()))
        .collect();
    <[usize; 4]>::try_from(numbers).ok()
}

fn read(dict: &Dictionary, pdf: &[u8], range: &[usize; 4], sealed_len: usize) -> Signature {
    let [a, b, c, d] = *range;
    let well_formed = a == 0 && b <= c && c.checked_add(d).is_some_and(|end| end <= pdf.len());
    let timestamp = dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"DocTimeStamp")
        || dict.get(b"SubFilter").and_then(Object::as_name).ok() == Some(b"ETSI.RFC3161");
    // The digest of the covered bytes with the algorithm named; empty when it is not known.
    let covered = |algorithm: &str| {
        well_formed
            .then(|| digest(algorithm, &pdf[a..a + b], &pdf[c..c + d]))
            .filter(|h| !h.is_empty())
    };
    let contents = dict.get(b"Contents").and_then(Object::as_str).ok();
    let cms = contents.and_then(parse_signed_data);
    let claimed_time = dict
        .get(b"M")
        .and_then(Object::as_str)
        .ok()
        .and_then(pdf_date);
    let mut signature = Signature {
        timestamp,
        field: None,
        signer: None,
        time: claimed_time,
        covers_sealed: well_formed && b >= sealed_len,
        covers_file: well_formed && c + d == pdf.len(),
        digest_matches: None,
        visible_on: None,
    };
    let Some(signed) = cms else {
        return signature;
    };
    let Some(info) = signed.signer_infos.0.iter().next() else {
        return signature;
    };
    signature.signer = signer_certificate(&signed, info).and_then(common_name);
    let algorithm = info.digest_alg.oid.to_string();
    if timestamp {
        if let Some((imprint_alg, imprint, time)) = timestamp_info(&signed) {
            signature.time = Some(time);
            signature.digest_matches = covered(&imprint_alg).map(|h| h == imprint);
        }
    } else {
        if signature.time.is_none() {
            signature.time = attribute(info, SIGNING_TIME)
                .and_then(|v| v.to_der().ok())
                .and_then(|der| Time::from_der(&der).ok())
                .map(|t| time_text(t.to_unix_duration().as_secs()));
        }
        let signed_digest = attribute(info, MESSAGE_DIGEST)
            .and_then(|v| v.decode_as::<OctetString>().ok())
            .map(|o| o.as_bytes().to_vec());
        if let Some(signed_digest) = signed_digest {
            signature.digest_matches = covered(&algorithm).map(|h| h == signed_digest);
        }
    }
    signature
}

/// The SignedData of a signature's `/Contents`, which is padded with zeros after its DER.
fn parse_signed_data(contents: &[u8]) -> Option<SignedData> {
    let mut reader = SliceReader::new(contents).ok()?;
    let info = ContentInfo::decode(&mut reader).ok()?;
    info.content.decode_as::<SignedData>().ok()
}

fn signer_certificate<'a>(signed: &'a SignedData, info: &SignerInfo) -> Option<&'a Certificate> {
    let certificates = signed.certificates.as_ref()?;
    certificates.0.iter().find_map(|choice| {
        let cms::cert::CertificateChoices::Certificate(cert) = choice else {
            return None;
        };
        let tbs = &cert.tbs_certificate;
        let matches = match &info.sid {
            SignerIdentifier::IssuerAndSerialNumber(isn) => {
                tbs.issuer == isn.issuer && tbs.serial_number == isn.serial_number
            }
            SignerIdentifier::SubjectKeyIdentifier(ski) => tbs
                .extensions
                .iter()
                .flatten()
                .filter(|e| e.extn_id.to_string() == SUBJECT_KEY_ID)
                .any(|e| {
                    OctetString::from_der(e.extn_value.as_bytes())
                        .is_ok_and(|k| k.as_bytes() == ski.0.as_bytes())
                }),
        };
        matches.then_some(cert)
    })
}

/// The certificate subject's common name.
fn common_name(cert: &Certificate) -> Option<String> {
    cert.tbs_certificate
        .subject
        .0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|atv| atv.oid.to_string() == CN)
        .and_then(|atv| directory_string(&atv.value))
}

fn directory_string(value: &Any) -> Option<String> {
    let bytes = value.value();
    match value.tag() {
        Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::VisibleString => {
            Some(String::from_utf8_lossy(bytes).into_owned())
        }
        Tag::TeletexString => Some(bytes.iter().map(|&b| char::from(b)).collect()),
        Tag::BmpString => {
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            Some(String::from_utf16_lossy(&units))
        }
        _ => None,
    }
}

fn attribute<'a>(info: &'a SignerInfo, oid: &str) -> Option<&'a Any> {
    info.signed_attrs
        .as_ref()?
        .iter()
        .find(|a| a.oid.to_string() == oid)
        .and_then(|a| a.values.iter().next())
}

/// The hash of the two covered pieces, with the algorithm named by its OID; empty if unknown.
fn digest(algorithm: &str, first: &[u8], second: &[u8]) -> Vec<u8> {
    match algorithm {
        "2.16.840.1.101.3.4.2.1" => Sha256::new()
            .chain_update(first)
            .chain_update(second)
            .finalize()
            .to_vec(),
        "2.16.840.1.101.3.4.2.2" => Sha384::new()
            .chain_update(first)
            .chain_update(second)
            .finalize()
            .to_vec(),
        "2.16.840.1.101.3.4.2.3" => Sha512::new()
            .chain_update(first)
            .chain_update(second)
            .finalize()
            .to_vec(),
        _ => Vec::new(),
    }
}

/// The message imprint (algorithm and hash) and the time of an RFC 3161 timestamp token.
fn timestamp_info(signed: &SignedData) -> Option<(String, Vec<u8>, String)> {
    let content = signed.encap_content_info.econtent.as_ref()?;
    if content.tag() != Tag::OctetString {
        return None;
    }
    let mut reader = SliceReader::new(content.value()).ok()?;
    reader
        .sequence(|r| {
            let _version: Any = r.decode()?;
            let _policy: ObjectIdentifier = r.decode()?;
            let (algorithm, imprint) = r.sequence(|r| {
                let algorithm: cms::cert::x509::spki::AlgorithmIdentifierOwned = r.decode()?;
                let imprint: OctetString = r.decode()?;
                Ok((algorithm.oid.to_string(), imprint.as_bytes().to_vec()))
            })?;
            let _serial: Any = r.decode()?;
            let time: GeneralizedTime = r.decode()?;
            let rest = r.remaining_len();
            r.read_slice(rest)?;
            Ok((
                algorithm,
                imprint,
                time_text(time.to_unix_duration().as_secs()),
            ))
        })
        .ok()
}

/// Seconds since 1970 as Rome's time, in Italian.
fn time_text(seconds: u64) -> String {
    i64::try_from(seconds)
        .ok()
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map(|t| italian::moment_precise(Moment::from_timestamp(t)))
        .unwrap_or_else(|| "data non leggibile".into())
}

/// A PDF date (`D:20260310113000+01'00'`) in Italian.
fn pdf_date(bytes: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix("D:").unwrap_or(text);
    let digits = |from: usize, len: usize| -> Option<i64> {
        text.get(from..from + len).and_then(|d| d.parse().ok())
    };
    let (year, month, day) = (digits(0, 4)?, digits(4, 2)?, digits(6, 2)?);
    let (hour, minute, second) = (
        digits(8, 2).unwrap_or(0),
        digits(10, 2).unwrap_or(0),
        digits(12, 2).unwrap_or(0),
    );
    let offset = match text.get(14..15) {
        Some(sign @ ("+" | "-")) => {
            let h = digits(15, 2).unwrap_or(0);
            let m = text
                .get(17..)
                .map(|r| r.trim_matches('\''))
                .and_then(|r| r.get(..2))
                .and_then(|r| r.parse::<i64>().ok())
                .unwrap_or(0);
            let total = h * 3600 + m * 60;
            if sign == "-" { -total } else { total }
        }
        _ => 0,
    };
    let civil = jiff::civil::DateTime::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
        i8::try_from(hour).ok()?,
        i8::try_from(minute).ok()?,
        i8::try_from(second).ok()?,
        0,
    )
    .ok()?;
    let offset = jiff::tz::Offset::from_seconds(i32::try_from(offset).ok()?).ok()?;
    let timestamp = offset.to_timestamp(civil).ok()?;
    Some(italian::moment_precise(Moment::from_timestamp(timestamp)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_read_in_rome_time() {
        assert_eq!(
            pdf_date(b"D:20260310103000Z").as_deref(),
            pdf_date(b"D:20260310113000+01'00'").as_deref()
        );
        assert!(pdf_date(b"D:2026").is_none());
    }
}
