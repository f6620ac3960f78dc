//! 读给我听: text read aloud by the browser's own speech synthesis
//! (`speechSynthesis`), in Chinese, with a voice the system has. Nothing is
//! recorded and nothing leaves the machine.

use wasm_bindgen::JsCast;

/// What the reader says where the system has no Chinese voice.
pub const NO_VOICE: &str = "本机没有中文朗读语音，无法朗读";

/// The browser's speech synthesis, if it has one (a browser may leave it
/// out, or have it switched off: then `speechSynthesis` is undefined).
fn synthesis() -> Option<web_sys::SpeechSynthesis> {
    let window = web_sys::window()?;
    let found = js_sys::Reflect::get(&window, &"speechSynthesis".into()).ok()?;
    found.is_object().then(|| found.unchecked_into())
}

/// Whether the system has a Chinese voice (zh-CN, or another Chinese).
/// The browser may load its voices only after the first time it is asked.
pub fn has_chinese_voice() -> bool {
    synthesis().is_some_and(|s| {
        s.get_voices().iter().any(|v| {
            v.unchecked_into::<web_sys::SpeechSynthesisVoice>()
                .lang()
                .to_ascii_lowercase()
                .starts_with("zh")
        })
    })
}

/// Reads `text` aloud in Chinese (zh-CN), in place of whatever was being
/// read; where the system has no Chinese voice, does nothing and says so.
pub fn read_aloud(text: &str) -> Result<(), &'static str> {
    let synthesis = synthesis().ok_or(NO_VOICE)?;
    if !has_chinese_voice() {
        return Err(NO_VOICE);
    }
    let utterance = web_sys::SpeechSynthesisUtterance::new_with_text(text).map_err(|_| NO_VOICE)?;
    // The language picks the system's Chinese voice.
    utterance.set_lang("zh-CN");
    utterance.set_rate(0.9);
    synthesis.cancel();
    synthesis.speak(&utterance);
    Ok(())
}

/// Stops reading (the member moved on).
pub fn stop() {
    if let Some(s) = synthesis() {
        s.cancel();
    }
}
