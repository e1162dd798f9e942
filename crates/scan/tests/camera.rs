#![allow(clippy::unwrap_used)]
//! The webcam path on whatever machine runs the tests (in CI: none attached).

use loket_scan::{Camera, CameraError, list_cameras};

#[test]
fn listing_cameras_never_fails_for_lack_of_cameras() {
    let cameras = list_cameras().unwrap();
    for c in &cameras {
        assert!(!c.name.is_empty(), "{c:?}");
    }
}

#[test]
fn opening_a_camera_that_is_not_there_says_so_in_indonesian() {
    let err = Camera::open(99, 1280, 720).unwrap_err();
    assert!(
        matches!(err, CameraError::NoCamera | CameraError::NotFound(99)),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains("kamera") || message.contains("Kamera"),
        "{message}"
    );
    if list_cameras().unwrap().is_empty() {
        assert_eq!(
            message,
            "Tidak ada kamera yang terhubung ke PC ini. Pasang webcam, atau gunakan pemindai \
             barcode USB."
        );
    } else {
        assert!(
            message.starts_with("Kamera nomor 99 tidak ditemukan."),
            "{message}"
        );
    }
}

#[test]
fn camera_errors_tell_the_officer_what_to_do() {
    assert_eq!(
        CameraError::Busy("Device or resource busy (os error 16)".into()).to_string(),
        "Kamera sedang dipakai aplikasi lain. Tutup aplikasi tersebut lalu coba lagi."
    );
    assert_eq!(
        CameraError::NotFound(2).to_string(),
        "Kamera nomor 2 tidak ditemukan. Periksa kabelnya, atau pilih kamera lain di Pengaturan."
    );
}
