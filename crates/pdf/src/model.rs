//! What the caller hands over: every text is already formatted and localised, so this crate
//! only decides where things go on the paper. `Hash` is derived so that the document
//! identifier can be computed from the input (see `document.rs`).

/// The office's letterhead, printed at the top of every document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Letterhead {
    /// e.g. "KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA"
    pub ministry: String,
    /// e.g. "DIREKTORAT JENDERAL IMIGRASI"
    pub directorate: String,
    /// e.g. "KANTOR IMIGRASI KELAS I NON TPI JAKARTA SELATAN"; printed bold.
    pub office_name: String,
    /// e.g. "Jakarta Selatan"
    pub office_city: String,
}

/// One person on a booking proof.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProofApplicant {
    pub name: String,
    /// Masked by the caller, e.g. "3174••••••••0001".
    pub nik_masked: String,
    /// e.g. "Kepala keluarga", "Anak"
    pub relation: String,
    /// e.g. "Paspor baru", "Penggantian"
    pub application_type: String,
}

/// The proof an applicant takes home after booking: one A4 portrait page.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BookingProof {
    pub letterhead: Letterhead,
    /// e.g. "BUKTI PENDAFTARAN ANTREAN PASPOR"
    pub title: String,
    /// e.g. "261126-P-001"
    pub booking_code: String,
    /// Already formatted, e.g. "Kamis, 26 November 2026".
    pub date: String,
    /// e.g. "Sesi Pagi"
    pub session: String,
    /// e.g. "Datang pukul 07.30–12.00 WIB"
    pub arrival: String,
    /// "Reguler" / "Prioritas"
    pub category: String,
    /// "Online" / "Walk-in (loket)"
    pub channel: String,
    /// One to five people of one family card.
    pub applicants: Vec<ProofApplicant>,
    /// The signed text encoded in the QR code, ~150 ASCII characters.
    pub qr_payload: String,
    /// e.g. "Yang harus dibawa"
    pub bring_heading: String,
    /// Bullet list of documents to bring.
    pub bring: Vec<String>,
    /// e.g. "Dicetak 23 November 2026 10.05 WIB oleh petugas loket. Tunjukkan kode QR ini di loket."
    pub footer: String,
    pub labels: ProofLabels,
}

/// Captions of the proof's fields and table columns, so the caller can localise them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProofLabels {
    pub code: String,
    pub date: String,
    pub session: String,
    pub category: String,
    pub channel: String,
    /// Heading above the applicant table, e.g. "Pemohon".
    pub applicants: String,
    pub col_no: String,
    pub col_name: String,
    pub col_nik: String,
    pub col_relation: String,
    pub col_type: String,
}

/// One line of the session list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListRow {
    pub number: String,
    pub code: String,
    pub name: String,
    pub nik_masked: String,
    pub application_type: String,
    pub category: String,
    pub status: String,
}

/// One session of the day, e.g. "Sesi Pagi · 07.30–12.00 WIB · 96 pemohon".
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListSection {
    pub title: String,
    pub rows: Vec<ListRow>,
}

/// Who signs the list at the end.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Signer {
    /// e.g. "Petugas Loket"
    pub role: String,
    /// e.g. "Rizky Pratama"
    pub name: String,
    /// e.g. "NIP 199108222015031002"
    pub nip: String,
}

/// The day's list of applicants per session: A4 landscape, as many pages as it takes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SessionList {
    pub letterhead: Letterhead,
    /// e.g. "DAFTAR PEMOHON PASPOR"
    pub title: String,
    /// e.g. "Senin, 23 November 2026"
    pub date: String,
    pub sections: Vec<ListSection>,
    pub columns: ListColumns,
    /// e.g. "Jakarta Selatan, 23 November 2026"
    pub place_date: String,
    pub signer: Signer,
    /// Printed at the bottom left of every page.
    pub footer: String,
    /// Page number template, e.g. "Halaman {page} dari {pages}".
    pub page_of: String,
}

/// Column captions of the session list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListColumns {
    pub number: String,
    pub code: String,
    pub name: String,
    pub nik: String,
    pub application_type: String,
    pub category: String,
    pub status: String,
    /// The empty column the applicant initials, e.g. "Paraf".
    pub signature: String,
}
