#![allow(clippy::unwrap_used)]
//! Image files standing in for a webcam, as the app's end-to-end tests use them.

use std::path::PathBuf;

use image::{GrayImage, Luma, Rgb, RgbImage};
use loket_scan::synth::{self, Scene};
use loket_scan::{CameraError, FileFrames, FrameSource, decode_qr};

#[test]
fn file_frames_cycle_through_the_images_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.png");
    let second = dir.path().join("second.png");
    GrayImage::from_pixel(4, 2, Luma([10]))
        .save(&first)
        .unwrap();
    RgbImage::from_pixel(3, 3, Rgb([200, 0, 0]))
        .save(&second)
        .unwrap();

    let mut frames = FileFrames::open(vec![first, second]).unwrap();
    let seen: Vec<(u32, u32, u8, bool)> = (0..5)
        .map(|_| {
            let f = frames.next_frame().unwrap();
            (f.width, f.height, f.luma[0], f.rgb.is_some())
        })
        .collect();
    let a = (4, 2, 10, false);
    let b = (3, 3, 60, true); // pure red: BT.601 grey 60
    assert_eq!(seen, vec![a, b, a, b, a]);
    assert_eq!(
        frames.describe(),
        "Berkas gambar (2): first.png, second.png"
    );
}

#[test]
fn a_missing_file_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let present = dir.path().join("ada.png");
    GrayImage::new(2, 2).save(&present).unwrap();
    let missing = dir.path().join("tidak-ada.png");

    let err = FileFrames::open(vec![present, missing.clone()]).unwrap_err();
    let CameraError::File { path, .. } = &err else {
        panic!("expected a file error, got {err:?}");
    };
    assert_eq!(PathBuf::from(path), missing);
    let message = err.to_string();
    assert!(
        message.contains(&missing.display().to_string()),
        "{message}"
    );
    assert!(
        message.ends_with("tidak dapat dibaca: berkas tidak ada."),
        "{message}"
    );
}

#[test]
fn a_file_that_is_not_an_image_is_refused_when_opening() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("catatan.png");
    std::fs::write(&text, "bukan gambar").unwrap();
    let err = FileFrames::open(vec![text]).unwrap_err();
    assert!(matches!(err, CameraError::File { .. }), "{err:?}");
    assert!(FileFrames::open(Vec::new()).is_err());
}

#[test]
fn a_proof_saved_as_png_reads_back_through_the_file_source() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bukti.png");
    let payload = "LKT1.denpasar.261201-S-014.2026-12-01.S.2.c1.demo";
    let frame = synth::camera_frame(payload, &Scene::arm_length(), 11);
    GrayImage::from_raw(frame.width, frame.height, frame.luma)
        .unwrap()
        .save(&path)
        .unwrap();

    let mut source: Box<dyn FrameSource> = Box::new(FileFrames::open(vec![path]).unwrap());
    assert_eq!(decode_qr(&source.next_frame().unwrap()).unwrap(), payload);
}
