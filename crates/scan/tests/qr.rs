#![allow(clippy::unwrap_used)]
//! Reading the booking code off a proof held up to a 720p webcam.

use loket_scan::synth::{self, Scene};
use loket_scan::{QrError, decode_qr};

/// A booking code as the proof prints it: office, booking number, date, session, party size,
/// key id and an Ed25519 signature in base64url.
const PAYLOAD: &str = concat!(
    "LKT1.jakartaselatan.261126-P-001.2026-11-26.P.5.c1.",
    "5-7nYV7zXzDkm0guFcrnUAcgHhJhew_tp-Fkd5b_AivqjtAqgqF1kw8jN803lMUiCABtaxrwwMvWJWWKrCyfqg"
);

#[test]
fn a_proof_held_at_arm_length_reads_back_exactly() {
    assert_eq!(PAYLOAD.len(), 137);
    let frame = synth::camera_frame(PAYLOAD, &Scene::arm_length(), 7);
    assert_eq!((frame.width, frame.height), (1280, 720));
    assert_eq!(decode_qr(&frame).unwrap(), PAYLOAD);
}

#[test]
fn the_proof_reads_back_tilted_the_other_way_and_elsewhere_in_the_frame() {
    let scenes = [
        Scene {
            rotation_deg: -11.0,
            tilt: -0.1,
            centre: (330.0, 300.0),
            ..Scene::arm_length()
        },
        Scene {
            qr_px: 180.0,
            rotation_deg: 4.0,
            centre: (980.0, 420.0),
            paper: 165,
            ink: 80,
            ..Scene::arm_length()
        },
    ];
    for (seed, scene) in scenes.iter().enumerate() {
        let frame = synth::camera_frame(PAYLOAD, scene, 100 + seed as u64);
        assert_eq!(decode_qr(&frame).unwrap(), PAYLOAD, "{scene:?}");
    }
}

#[test]
fn a_frame_without_a_code_is_not_found() {
    let frame = synth::frame_without_code(&Scene::arm_length(), 3);
    let err = decode_qr(&frame).unwrap_err();
    assert!(matches!(err, QrError::NotFound), "{err:?}");
    assert_eq!(
        err.to_string(),
        "Kode QR tidak terbaca pada gambar ini. Dekatkan bukti ke kamera dan pastikan tidak buram."
    );
}

#[test]
fn a_code_with_a_third_painted_over_is_never_misread() {
    // The middle third leaves the three finder patterns and the format information intact, so
    // the code is located but a third of its codewords are gone: more than level M can repair.
    // The left third takes two finder patterns with it.
    for (seed, cover) in [(0.33, 0.67), (0.0, 0.34)].into_iter().enumerate() {
        let scene = Scene {
            cover: Some(cover),
            ..Scene::arm_length()
        };
        let frame = synth::camera_frame(PAYLOAD, &scene, 200 + seed as u64);
        let result = decode_qr(&frame);
        assert!(
            matches!(result, Err(QrError::NotFound | QrError::Unreadable(_))),
            "cover {cover:?}: {result:?}"
        );
    }
}

#[test]
fn a_located_but_damaged_code_is_reported_as_unreadable() {
    let scene = Scene {
        cover: Some((0.33, 0.67)),
        ..Scene::arm_length()
    };
    let err = decode_qr(&synth::camera_frame(PAYLOAD, &scene, 200)).unwrap_err();
    assert!(matches!(err, QrError::Unreadable(_)), "{err:?}");
    assert!(
        err.to_string()
            .starts_with("Kode QR terlihat tetapi isinya tidak dapat dibaca.")
    );
}
