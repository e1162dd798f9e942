//! The booking proof's QR payload: versioned text, signed with Ed25519, so a counter PC can tell a
//! genuine proof from a forged or altered one without a network.
//!
//! Version 1 is plain ASCII a USB barcode scanner can type on any keyboard layout:
//!
//! ```text
//! LKT1.<office>.<code>.<YYYYMMDD>.<P|S>.<count>.<key id>.<signature>
//! ```
//!
//! The signature (base64url, no padding) covers everything before the last dot. Fields never contain
//! a dot, so splitting is unambiguous. Keys are named by a short id so the verifier can hold several:
//! the central service's key for online bookings and each counter PC's key for walk-ins.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::NaiveDate;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};

use crate::session::SessionKind;

pub const PREFIX: &str = "LKT";
pub const VERSION: u32 = 1;

/// What a proof says: which booking, where and when, for how many people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofClaim {
    pub office: String,
    pub code: String,
    pub date: NaiveDate,
    pub session: SessionKind,
    pub applicants: u8,
}

/// A payload whose fields parsed; its signature is not checked yet (see [`SignedProof::verify`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedProof {
    claim: ProofClaim,
    key_id: String,
    signed_text: String,
    signature: Signature,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    Foreign,
    UnknownVersion(String),
    Damaged(ProofPart),
    UnknownKey(String),
    BadSignature,
    InvalidClaim(ProofPart),
}

crate::bilingual!(ProofError {
    Self::Foreign =>
        ["Kode QR ini bukan bukti antrean paspor. Minta pemohon menunjukkan bukti pendaftaran antrean."]
        ["This QR code is not a passport queue proof. Ask the applicant for their queue registration proof."],
    Self::UnknownVersion(v) =>
        ["Kode QR bukti antrean versi {v} belum dikenal aplikasi ini. Perbarui Loket atau periksa manual dengan kode pemesanan."]
        ["This app does not know version {v} of the queue proof QR code. Update Loket or check by hand with the booking code."],
    Self::Damaged(part) =>
        ["Kode QR rusak atau tidak lengkap ({part}). Pindai ulang, atau ketik kode pemesanan."]
        ["The QR code is damaged or incomplete ({}). Scan it again, or type the booking code.", part.en()],
    Self::UnknownKey(id) =>
        ["Bukti ini ditandatangani kunci '{id}' yang tidak dikenal kantor ini. Periksa manual dengan kode pemesanan."]
        ["This proof is signed with key '{id}', which this office does not know. Check by hand with the booking code."],
    Self::BadSignature =>
        ["Tanda tangan kode QR tidak sah: bukti ini palsu atau telah diubah."]
        ["The QR code's signature is not valid: this proof is forged or has been altered."],
    Self::InvalidClaim(part) => ["Data bukti tidak valid: {part}"]
        ["The proof's data is not valid: {}", part.en()],
});

/// Which part of a proof is damaged or invalid, as named in [`ProofError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProofPart {
    Signature,
    SignatureMissing,
    PartCount,
    Date,
    Session,
    ApplicantCount,
    ApplicantRange,
    Office,
    BookingCode,
    KeyId,
    KeyLength,
    Key,
}

crate::bilingual!(ProofPart {
    Self::Signature => ["tanda tangan"] ["signature"],
    Self::SignatureMissing => ["tanda tangan tidak ada"] ["no signature"],
    Self::PartCount => ["jumlah bagian salah"] ["wrong number of parts"],
    Self::Date => ["tanggal"] ["date"],
    Self::Session => ["sesi"] ["session"],
    Self::ApplicantCount => ["jumlah pemohon"] ["number of applicants"],
    Self::ApplicantRange => ["jumlah pemohon 1–5"] ["1–5 applicants"],
    Self::Office => ["kantor"] ["office"],
    Self::BookingCode => ["kode pemesanan"] ["booking code"],
    Self::KeyId => ["id kunci"] ["key id"],
    Self::KeyLength => ["kunci publik harus 32 byte"] ["a public key has 32 bytes"],
    Self::Key => ["kunci publik tidak valid"] ["the public key is not valid"],
});

/// The public keys this PC trusts, by key id.
#[derive(Debug, Clone, Default)]
pub struct TrustedKeys {
    keys: Vec<(String, VerifyingKey)>,
}

impl TrustedKeys {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a key given as its 32 raw bytes.
    pub fn add(&mut self, key_id: &str, public: &[u8]) -> Result<(), ProofError> {
        let bytes: [u8; 32] = public
            .try_into()
            .map_err(|_| ProofError::InvalidClaim(ProofPart::KeyLength))?;
        let key = VerifyingKey::from_bytes(&bytes)
            .map_err(|_| ProofError::InvalidClaim(ProofPart::Key))?;
        check_key_id(key_id)?;
        self.keys.retain(|(id, _)| id != key_id);
        self.keys.push((key_id.to_owned(), key));
        Ok(())
    }

    fn get(&self, key_id: &str) -> Option<&VerifyingKey> {
        self.keys
            .iter()
            .find(|(id, _)| id == key_id)
            .map(|(_, k)| k)
    }
}

fn check_key_id(id: &str) -> Result<(), ProofError> {
    if id.is_empty() || id.len() > 16 || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return Err(ProofError::InvalidClaim(ProofPart::KeyId));
    }
    Ok(())
}

fn check_field(s: &str, what: ProofPart) -> Result<(), ProofError> {
    if s.is_empty()
        || s.len() > 40
        || !s
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(ProofError::InvalidClaim(what));
    }
    Ok(())
}

impl ProofClaim {
    /// The claim as the text that gets signed, without the signature.
    fn signed_text(&self, key_id: &str) -> Result<String, ProofError> {
        check_field(&self.office, ProofPart::Office)?;
        check_field(&self.code, ProofPart::BookingCode)?;
        check_key_id(key_id)?;
        if !(1..=5).contains(&self.applicants) {
            return Err(ProofError::InvalidClaim(ProofPart::ApplicantRange));
        }
        let session = match self.session {
            SessionKind::Pagi => 'P',
            SessionKind::Siang => 'S',
        };
        Ok(format!(
            "{PREFIX}{VERSION}.{}.{}.{}.{session}.{}.{key_id}",
            self.office,
            self.code,
            self.date.format("%Y%m%d"),
            self.applicants
        ))
    }

    /// Signs the claim: the full QR text.
    pub fn sign(&self, key_id: &str, key: &SigningKey) -> Result<String, ProofError> {
        let text = self.signed_text(key_id)?;
        let sig = key.sign(text.as_bytes());
        Ok(format!("{text}.{}", URL_SAFE_NO_PAD.encode(sig.to_bytes())))
    }
}

impl SignedProof {
    /// Parses scanned text. Whitespace a scanner may add around it is ignored.
    pub fn parse(scanned: &str) -> Result<Self, ProofError> {
        let text = scanned.trim();
        let Some(rest) = text.strip_prefix(PREFIX) else {
            return Err(ProofError::Foreign);
        };
        let version: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if version.is_empty() {
            return Err(ProofError::Foreign);
        }
        if version != VERSION.to_string() {
            return Err(ProofError::UnknownVersion(version));
        }
        let (signed_text, sig) = text
            .rsplit_once('.')
            .ok_or(ProofError::Damaged(ProofPart::SignatureMissing))?;
        let fields: Vec<&str> = signed_text.split('.').collect();
        let [_, office, code, date, session, count, key_id] = fields[..] else {
            return Err(ProofError::Damaged(ProofPart::PartCount));
        };
        let date = NaiveDate::parse_from_str(date, "%Y%m%d")
            .map_err(|_| ProofError::Damaged(ProofPart::Date))?;
        let session = match session {
            "P" => SessionKind::Pagi,
            "S" => SessionKind::Siang,
            _ => return Err(ProofError::Damaged(ProofPart::Session)),
        };
        let applicants: u8 = count
            .parse()
            .ok()
            .filter(|n| (1..=5).contains(n))
            .ok_or(ProofError::Damaged(ProofPart::ApplicantCount))?;
        let sig_bytes: [u8; 64] = URL_SAFE_NO_PAD
            .decode(sig)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or(ProofError::Damaged(ProofPart::Signature))?;
        check_field(office, ProofPart::Office)
            .map_err(|_| ProofError::Damaged(ProofPart::Office))?;
        check_field(code, ProofPart::BookingCode)
            .map_err(|_| ProofError::Damaged(ProofPart::BookingCode))?;
        check_key_id(key_id).map_err(|_| ProofError::Damaged(ProofPart::KeyId))?;
        Ok(Self {
            claim: ProofClaim {
                office: office.to_owned(),
                code: code.to_owned(),
                date,
                session,
                applicants,
            },
            key_id: key_id.to_owned(),
            signed_text: signed_text.to_owned(),
            signature: Signature::from_bytes(&sig_bytes),
        })
    }

    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// The claim, once its signature checks out against a trusted key.
    pub fn verify(self, trusted: &TrustedKeys) -> Result<ProofClaim, ProofError> {
        let key = trusted
            .get(&self.key_id)
            .ok_or_else(|| ProofError::UnknownKey(self.key_id.clone()))?;
        key.verify(self.signed_text.as_bytes(), &self.signature)
            .map_err(|_| ProofError::BadSignature)?;
        Ok(self.claim)
    }
}

/// A signing key from its 32 secret bytes (kept in the OS key store by the caller).
pub fn signing_key(secret: &[u8; 32]) -> SigningKey {
    SigningKey::from_bytes(secret)
}

/// Key id of the demo central service. Trusted only on a PC set up as the demo office, and used
/// only by the central service started with `--demo-key`: its secret half is derived from a public
/// seed, so the demo can sign online bookings that a demo PC verifies.
pub const DEMO_CENTRAL_KEY_ID: &str = "PUSAT-DEMO";

/// The demo central service's signing key (never a real office's: its seed is in the source).
pub fn demo_central_key() -> SigningKey {
    signing_key(b"loket demo central key, not real")
}

/// The 32-byte public half of a signing key, to publish to the trust list.
pub fn public_key(key: &SigningKey) -> [u8; 32] {
    key.verifying_key().to_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(seed: u8) -> SigningKey {
        signing_key(&[seed; 32])
    }

    fn claim() -> ProofClaim {
        ProofClaim {
            office: "jakartaselatan".into(),
            code: "261126-P-001".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            session: SessionKind::Pagi,
            applicants: 5,
        }
    }

    fn trust(id: &str, k: &SigningKey) -> TrustedKeys {
        let mut t = TrustedKeys::new();
        t.add(id, &public_key(k)).unwrap();
        t
    }

    #[test]
    fn a_signed_proof_round_trips_and_stays_small_enough_for_a_scanner() {
        let k = key(7);
        let text = claim().sign("C1", &k).unwrap();
        assert!(text.starts_with("LKT1.jakartaselatan.261126-P-001.20261126.P.5.C1."));
        assert!(text.len() < 160, "{} chars", text.len());
        assert!(text.chars().all(|c| c.is_ascii_graphic()));
        let parsed = SignedProof::parse(&format!("  {text}\r\n")).unwrap();
        assert_eq!(parsed.verify(&trust("C1", &k)).unwrap(), claim());
    }

    #[test]
    fn any_altered_character_breaks_the_signature() {
        let k = key(7);
        let text = claim().sign("C1", &k).unwrap();
        let trusted = trust("C1", &k);
        // Five people turned into four, another date, another office: all refused.
        for (from, to) in [
            (".P.5.", ".P.4."),
            ("20261126", "20261127"),
            ("jakartaselatan", "jakartabarat"),
        ] {
            let forged = text.replace(from, to);
            let err = SignedProof::parse(&forged)
                .unwrap()
                .verify(&trusted)
                .unwrap_err();
            assert_eq!(err, ProofError::BadSignature, "{from}→{to}");
        }
        // A flipped bit in the signature itself.
        let mut chars: Vec<char> = text.chars().collect();
        let last = chars.len() - 3;
        chars[last] = if chars[last] == 'A' { 'B' } else { 'A' };
        let forged: String = chars.into_iter().collect();
        assert_eq!(
            SignedProof::parse(&forged)
                .unwrap()
                .verify(&trusted)
                .unwrap_err(),
            ProofError::BadSignature
        );
    }

    #[test]
    fn a_proof_signed_by_an_unknown_or_other_key_is_refused() {
        let text = claim().sign("C1", &key(7)).unwrap();
        let other = trust("C1", &key(8));
        assert_eq!(
            SignedProof::parse(&text)
                .unwrap()
                .verify(&other)
                .unwrap_err(),
            ProofError::BadSignature
        );
        let err = SignedProof::parse(&text)
            .unwrap()
            .verify(&TrustedKeys::new())
            .unwrap_err();
        assert_eq!(err, ProofError::UnknownKey("C1".into()));
        assert!(err.to_string().contains("tidak dikenal"));
    }

    #[test]
    fn foreign_and_damaged_codes_get_their_own_message() {
        assert_eq!(
            SignedProof::parse("https://example.com/promo").unwrap_err(),
            ProofError::Foreign
        );
        assert_eq!(
            SignedProof::parse("LKT2.a.b.c").unwrap_err(),
            ProofError::UnknownVersion("2".into())
        );
        let text = claim().sign("C1", &key(7)).unwrap();
        // A scan cut off halfway.
        let cut = &text[..text.len() / 2];
        assert!(matches!(
            SignedProof::parse(cut).unwrap_err(),
            ProofError::Damaged(_)
        ));
        // Signature truncated by a few characters.
        let short = &text[..text.len() - 4];
        assert_eq!(
            SignedProof::parse(short).unwrap_err(),
            ProofError::Damaged(ProofPart::Signature)
        );
        assert_eq!(
            SignedProof::parse(&text.replace(".P.5.", ".X.5.")).unwrap_err(),
            ProofError::Damaged(ProofPart::Session)
        );
        assert_eq!(
            SignedProof::parse(&text.replace(".P.5.", ".P.6.")).unwrap_err(),
            ProofError::Damaged(ProofPart::ApplicantCount)
        );
    }

    #[test]
    fn a_claim_with_a_dot_in_a_field_cannot_be_signed() {
        let mut c = claim();
        c.code = "261126.P".into();
        assert!(c.sign("C1", &key(1)).is_err());
        let mut c = claim();
        c.applicants = 6;
        assert!(c.sign("C1", &key(1)).is_err());
    }
}
