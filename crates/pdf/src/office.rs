//! The documents in the words a Kantor Imigrasi prints them, shared by the counter and the
//! central service: the letterhead, the proof's Indonesian texts and the list of what to bring.
//! The layouts (`proof`, `list`) stay free of wording; this module is where wording meets them.

use chrono::{DateTime, NaiveDate, Utc};
use loket_domain::session::tanggal_panjang;
use loket_domain::{
    ApplicationType, Category, Channel, Office, Relation, SessionHours, SessionKind,
};

use crate::model::{BookingProof, Letterhead, ProofApplicant, ProofLabels};

pub fn letterhead(office: &Office) -> Letterhead {
    Letterhead {
        ministry: "KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA".into(),
        directorate: "DIREKTORAT JENDERAL IMIGRASI".into(),
        office_name: office.name.to_uppercase(),
        office_city: format!("{}, {}", office.city, office.province),
    }
}

pub fn session_label(s: SessionKind) -> &'static str {
    match s {
        SessionKind::Pagi => "Pagi",
        SessionKind::Siang => "Siang",
    }
}

pub fn type_label(t: ApplicationType) -> &'static str {
    match t {
        ApplicationType::Penggantian => "Penggantian",
        ApplicationType::Baru => "Baru",
    }
}

pub fn category_label(c: Category) -> &'static str {
    match c {
        Category::Prioritas => "Prioritas",
        Category::Reguler => "Reguler",
    }
}

/// One applicant on a proof: the NIK already masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofPerson {
    pub name: String,
    pub nik_masked: String,
    pub relation: Relation,
    pub application_type: ApplicationType,
}

/// What a proof says, before wording.
#[derive(Debug, Clone, PartialEq)]
pub struct ProofFacts<'a> {
    pub office: &'a Office,
    pub code: &'a str,
    pub date: NaiveDate,
    pub session: SessionKind,
    pub hours: SessionHours,
    pub category: Category,
    pub channel: Channel,
    pub applicants: Vec<ProofPerson>,
    /// The signed QR text.
    pub qr: String,
    pub printed_at: DateTime<Utc>,
}

/// What an applicant brings, from the seeds' list; renewals add the old passport.
fn bring_list(renewal: bool) -> Vec<String> {
    let mut list = vec![
        "e-KTP asli (untuk anak: e-KTP asli ayah dan ibu)".to_owned(),
        "Kartu Keluarga asli".to_owned(),
        "Akta kelahiran, akta perkawinan/buku nikah, atau ijazah asli (salah satu)".to_owned(),
    ];
    if renewal {
        list.push("Paspor lama (untuk penggantian)".into());
    }
    list.push("Bukti pendaftaran ini (cetak atau di layar ponsel)".into());
    list
}

/// The booking proof in the office's words, ready for [`crate::booking_proof`].
pub fn proof(f: ProofFacts<'_>) -> BookingProof {
    let office = f.office;
    let renewal = f
        .applicants
        .iter()
        .any(|a| a.application_type == ApplicationType::Penggantian);
    BookingProof {
        letterhead: letterhead(office),
        title: "BUKTI PENDAFTARAN ANTREAN PASPOR".into(),
        booking_code: f.code.to_owned(),
        date: tanggal_panjang(f.date),
        session: format!("Sesi {}", session_label(f.session)),
        arrival: format!(
            "Datang pukul {}–{} {}",
            f.hours.start().format("%H.%M"),
            f.hours.end().format("%H.%M"),
            office.zone.as_str()
        ),
        category: category_label(f.category).into(),
        channel: match f.channel {
            Channel::Loket => "Walk-in (loket)".into(),
            Channel::Online => "Online".into(),
        },
        applicants: f
            .applicants
            .into_iter()
            .map(|a| ProofApplicant {
                name: a.name,
                nik_masked: a.nik_masked,
                relation: a.relation.label().into(),
                application_type: type_label(a.application_type).into(),
            })
            .collect(),
        qr_payload: f.qr,
        bring_heading: "Yang harus dibawa".into(),
        bring: bring_list(renewal),
        footer: format!(
            "Dicetak {} {} {}. Tunjukkan kode QR ini di loket; bukti ini tidak dipungut biaya.",
            tanggal_panjang(office.local_date(f.printed_at)),
            office.local_time(f.printed_at).format("%H.%M"),
            office.zone.as_str()
        ),
        labels: ProofLabels {
            code: "Kode pemesanan".into(),
            date: "Tanggal".into(),
            session: "Sesi".into(),
            category: "Kategori".into(),
            channel: "Pendaftaran".into(),
            applicants: "Pemohon".into(),
            col_no: "No".into(),
            col_name: "Nama".into(),
            col_nik: "NIK".into(),
            col_relation: "Hubungan".into(),
            col_type: "Jenis permohonan".into(),
        },
    }
}
