// Makes a new offer noticeable: a short beep (Web Audio) and, when the tab is hidden, a browser notification.
let audio: AudioContext | null = null;

/** Call from a user gesture (e.g. "Ready"): browsers only allow sound and the permission prompt after one. */
export function prepareAlerts() {
  try {
    audio ??= new AudioContext();
    void audio.resume();
  } catch {
    audio = null;
  }
  if ('Notification' in window && Notification.permission === 'default') {
    void Notification.requestPermission();
  }
}

export function beep() {
  if (!audio) return;
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.frequency.value = 880;
  gain.gain.setValueAtTime(0.15, audio.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.35);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start();
  oscillator.stop(audio.currentTime + 0.35);
}

export function notifyIfHidden(title: string, body: string) {
  if (!document.hidden || !('Notification' in window) || Notification.permission !== 'granted') return;
  const notification = new Notification(title, { body, tag: 'openwd-offer' });
  notification.onclick = () => {
    window.focus();
    notification.close();
  };
}
