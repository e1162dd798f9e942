//! Realistic documents of a Jakarta Selatan passport counter, and poppler's command-line tools
//! to read what was printed. Shared by the tests and the benchmark.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

use loket_pdf::{
    BookingProof, Letterhead, ListColumns, ListRow, ListSection, ProofApplicant, ProofLabels,
    SessionList, Signer,
};

pub fn letterhead() -> Letterhead {
    Letterhead {
        ministry: "KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA".into(),
        directorate: "DIREKTORAT JENDERAL IMIGRASI".into(),
        office_name: "KANTOR IMIGRASI KELAS I NON TPI JAKARTA SELATAN".into(),
        office_city: "Jakarta Selatan".into(),
    }
}

const FAMILY: [(&str, &str, &str); 5] = [
    ("Budi Santoso", "Kepala keluarga", "Paspor baru"),
    ("Siti Nurhaliza Putri", "Istri", "Paspor baru"),
    ("Ahmad Fauzan Hidayat", "Anak", "Paspor baru"),
    (
        "Dewi Lestari Anggraini",
        "Anak",
        "Penggantian (habis berlaku)",
    ),
    ("Muhammad Rizky Ramadhan", "Anak", "Paspor baru"),
];

pub fn applicant(i: usize) -> ProofApplicant {
    let (name, relation, kind) = FAMILY[i % FAMILY.len()];
    ProofApplicant {
        name: name.into(),
        nik_masked: format!("3174••••••••{:04}", i + 1),
        relation: relation.into(),
        application_type: kind.into(),
    }
}

/// A signed payload of the length the app produces (~150 ASCII characters).
pub const QR_PAYLOAD: &str = "LKT1.261126-P-001.20261126.PAGI.3174XXXXXXXX0001.\
    5.MEUCIQDx7Lq2vY9nK3pWc8T0aHf4Rj6sUe1ZbN5oGm2yXiQd9wIgJ3kVt7PzLr0cH8sYq1FbW6nD4uEa2TgKx";

pub fn proof(applicants: usize) -> BookingProof {
    BookingProof {
        letterhead: letterhead(),
        title: "BUKTI PENDAFTARAN ANTREAN PASPOR".into(),
        booking_code: "261126-P-001".into(),
        date: "Kamis, 26 November 2026".into(),
        session: "Sesi Pagi".into(),
        arrival: "Datang pukul 07.30–12.00 WIB".into(),
        category: "Reguler".into(),
        channel: "Walk-in (loket)".into(),
        applicants: (0..applicants).map(applicant).collect(),
        qr_payload: QR_PAYLOAD.into(),
        bring_heading: "Yang harus dibawa".into(),
        bring: vec![
            "e-KTP asli setiap pemohon dewasa".into(),
            "Kartu Keluarga asli".into(),
            "Akta kelahiran, akta perkawinan atau buku nikah, atau ijazah yang memuat nama, \
             tempat dan tanggal lahir, serta nama orang tua"
                .into(),
            "Paspor lama bagi pemohon penggantian".into(),
        ],
        footer: "Dicetak 23 November 2026 10.05 WIB oleh petugas loket. Tunjukkan kode QR ini \
                 di loket. Bukti ini tidak dipungut biaya."
            .into(),
        labels: ProofLabels {
            code: "Kode booking".into(),
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

const NAMES: [&str; 12] = [
    "Siti Nurhaliza Putri",
    "Budi Santoso",
    "Agus Salim Wibowo",
    "Dewi Lestari Anggraini",
    "Rina Marlina",
    "Hendra Gunawan",
    "Nur Aini Rahmawati",
    "Yusuf Maulana Ibrahim",
    "Fitri Handayani",
    "Raden Mas Bagus Setiawan Adiningrat Kusumo",
    "Ketut Arya Wiguna",
    "Maria Goretti Simanjuntak",
];

pub fn list_row(session: char, n: usize) -> ListRow {
    let status = ["Terdaftar", "Hadir", "Selesai", "Tidak hadir"];
    ListRow {
        number: n.to_string(),
        code: format!("261123-{session}-{n:03}"),
        name: NAMES[n % NAMES.len()].into(),
        nik_masked: format!("3174••••••••{:04}", n),
        application_type: if n.is_multiple_of(4) {
            "Penggantian"
        } else {
            "Paspor baru"
        }
        .into(),
        category: if n.is_multiple_of(9) {
            "Prioritas"
        } else {
            "Reguler"
        }
        .into(),
        status: status[n % status.len()].into(),
    }
}

/// Two sessions of `per_section` applicants each; codes `261123-P-001…` and `261123-S-001…`.
pub fn session_list(per_section: usize) -> SessionList {
    let section = |session: char, title: &str| ListSection {
        title: format!("{title} · {per_section} pemohon"),
        rows: (1..=per_section).map(|n| list_row(session, n)).collect(),
    };
    SessionList {
        letterhead: letterhead(),
        title: "DAFTAR PEMOHON PASPOR".into(),
        date: "Senin, 23 November 2026".into(),
        sections: vec![
            section('P', "Sesi Pagi · 07.30–12.00 WIB"),
            section('S', "Sesi Siang · 13.00–15.00 WIB"),
        ],
        columns: ListColumns {
            number: "No".into(),
            code: "Kode booking".into(),
            name: "Nama".into(),
            nik: "NIK".into(),
            application_type: "Jenis permohonan".into(),
            category: "Kategori".into(),
            status: "Status".into(),
            signature: "Paraf".into(),
        },
        place_date: "Jakarta Selatan, 23 November 2026".into(),
        signer: Signer {
            role: "Petugas Loket".into(),
            name: "Rizky Pratama".into(),
            nip: "NIP 199108222015031002".into(),
        },
        footer: "Dicetak 23 November 2026 07.05 WIB dari Loket".into(),
        page_of: "Halaman {page} dari {pages}".into(),
    }
}

/// Runs a poppler tool; a missing tool FAILS the test with the fix, never skips it.
pub fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("cannot run `{tool}` ({e}): install poppler-utils (apt-get install poppler-utils)")
    });
    assert!(
        out.status.success(),
        "`{tool} {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Writes `pdf` into `dir` and returns `pdftotext -layout` of it.
pub fn pdf_text(dir: &Path, name: &str, pdf: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, pdf).unwrap();
    poppler("pdftotext", &["-layout", path.to_str().unwrap(), "-"])
}

/// The page count `pdfinfo` reports.
pub fn page_count(path: &Path) -> usize {
    let info = poppler("pdfinfo", &[path.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}
