//! The checks on a file added to an attachment field, made before it is read: how many, how
//! big, what type. The backend checks again; these spare the user a refused request.

use crate::model::FieldKind;

/// The largest file when a field sets no limit (the demo desk and RT's default both accept
/// 5 MB or more; larger files belong on a file share).
pub const DEFAULT_MAX_BYTES: u64 = 5 * 1024 * 1024;

/// Why a file was not added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    TooBig { max_bytes: u64 },
    WrongType,
    TooMany { max: u32 },
}

/// The limits of an attachment field: files, bytes per file, accepted types.
pub fn limits(kind: &FieldKind) -> Option<(u32, u64, &[String])> {
    match kind {
        FieldKind::Attachment {
            max_files,
            max_bytes,
            accept,
        } => Some((
            (*max_files).max(1),
            max_bytes.unwrap_or(DEFAULT_MAX_BYTES),
            accept.as_slice(),
        )),
        _ => None,
    }
}

/// Whether a file of this name and MIME type is one of `accept` (`image/*`, `.pdf`,
/// `text/plain`, as HTML's `accept` attribute lists them); an empty list accepts anything.
pub fn accepts(accept: &[String], name: &str, mime: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let mime = mime.to_ascii_lowercase();
    accept.is_empty()
        || accept.iter().any(|a| {
            let a = a.trim().to_ascii_lowercase();
            if a.starts_with('.') {
                name.ends_with(&a)
            } else if let Some(family) = a.strip_suffix("/*") {
                mime.split('/').next() == Some(family)
            } else {
                mime == a
            }
        })
}

/// Whether a file may join the `already` files of an attachment field.
pub fn check_file(
    kind: &FieldKind,
    already: usize,
    name: &str,
    mime: &str,
    size: u64,
) -> Result<(), FileProblem> {
    let Some((max_files, max_bytes, accept)) = limits(kind) else {
        return Err(FileProblem::WrongType);
    };
    if already >= max_files as usize {
        return Err(FileProblem::TooMany { max: max_files });
    }
    if !accepts(accept, name, mime) {
        return Err(FileProblem::WrongType);
    }
    if size > max_bytes {
        return Err(FileProblem::TooBig { max_bytes });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attach(max_files: u32, max_bytes: Option<u64>, accept: &[&str]) -> FieldKind {
        FieldKind::Attachment {
            max_files,
            max_bytes,
            accept: accept.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn files_are_checked_for_count_type_and_size() {
        let photos = attach(2, Some(1000), &["image/*", ".LOG", "application/pdf"]);
        type Case<'a> = (usize, &'a str, &'a str, u64, Result<(), FileProblem>);
        let cases: &[Case] = &[
            (0, "a.png", "image/png", 1000, Ok(())),
            (0, "A.JPG", "IMAGE/JPEG", 10, Ok(())),
            (1, "boot.log", "", 10, Ok(())),
            (0, "scan.pdf", "application/pdf", 10, Ok(())),
            (
                0,
                "a.png",
                "image/png",
                1001,
                Err(FileProblem::TooBig { max_bytes: 1000 }),
            ),
            (
                0,
                "x.exe",
                "application/x-msdownload",
                10,
                Err(FileProblem::WrongType),
            ),
            (0, "imagepng", "imagex/png", 10, Err(FileProblem::WrongType)),
            (0, "notes.log.exe", "", 10, Err(FileProblem::WrongType)),
            (
                2,
                "a.png",
                "image/png",
                10,
                Err(FileProblem::TooMany { max: 2 }),
            ),
        ];
        for (already, name, mime, size, want) in cases {
            assert_eq!(
                &check_file(&photos, *already, name, mime, *size),
                want,
                "{name}"
            );
        }
        // No limits set: one file, the default size, any type (an emoji name too).
        let open = attach(0, None, &[]);
        assert_eq!(
            check_file(&open, 0, "😀.bin", "", DEFAULT_MAX_BYTES),
            Ok(())
        );
        assert_eq!(
            check_file(&open, 1, "b", "", 1),
            Err(FileProblem::TooMany { max: 1 })
        );
        assert!(check_file(&FieldKind::Text, 0, "a", "", 1).is_err());
    }
}
