// The door's sound: a short high beep for "admit", a low buzz for "stop" (WebAudio: no sound files to ship).
export function beep(ok: boolean): void {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.type = ok ? 'sine' : 'square';
    tone.frequency.value = ok ? 1200 : 220;
    gain.gain.value = 0.15;
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + (ok ? 0.15 : 0.45));
    tone.onended = () => void audio.close();
  } catch {
    // No audio device: the colour and text still say it.
  }
}
