//! Base64, standard (RFC 4648 §4, padded) and URL-safe (§5, unpadded): small enough to keep here
//! rather than add a crate to the wasm.

/// The standard alphabet.
pub const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/// The URL- and filename-safe alphabet.
pub const URL_SAFE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Encodes `bytes` with `alphabet`, padding with `=` when `pad` is set.
pub fn base64(bytes: &[u8], alphabet: &[u8; 64], pad: bool) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(alphabet[(n >> (18 - 6 * i) & 63) as usize]));
            } else if pad {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes unpadded base64 in `alphabet`; `None` for anything that is not.
pub fn decode_base64(text: &str, alphabet: &[u8; 64]) -> Option<Vec<u8>> {
    let value = |c: u8| alphabet.iter().position(|&b| b == c).map(|p| p as u32);
    let mut bytes = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.as_bytes().chunks(4) {
        let values = chunk
            .iter()
            .map(|&c| value(c))
            .collect::<Option<Vec<u32>>>()?;
        if values.len() < 2 {
            return None;
        }
        let n = values
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, v)| n | v << (18 - 6 * i));
        bytes.extend(n.to_be_bytes()[1..values.len()].iter());
    }
    Some(bytes)
}

/// Decodes base64 as backends send it: padded or not, wrapped over lines.
pub fn decode_base64_lenient(text: &str, alphabet: &[u8; 64]) -> Option<Vec<u8>> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    decode_base64(compact.trim_end_matches('='), alphabet)
}

/// Serde for bytes as standard padded base64 text: `#[serde(with = "crate::encoding::as_base64")]`.
/// JSON arrays of numbers would take four times the room in storage.
pub mod as_base64 {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::base64(bytes, super::STANDARD, true))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        super::decode_base64_lenient(&text, super::STANDARD)
            .ok_or_else(|| D::Error::custom("not base64"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_rfc_4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes(), STANDARD, true), encoded);
            let unpadded = encoded.trim_end_matches('=');
            assert_eq!(base64(plain.as_bytes(), URL_SAFE, false), unpadded);
            assert_eq!(
                decode_base64(unpadded, URL_SAFE).as_deref(),
                Some(plain.as_bytes())
            );
        }
        assert_eq!(base64(&[0xfb, 0xff], URL_SAFE, false), "-_8");
        assert_eq!(decode_base64("!!", URL_SAFE), None);
    }
}
