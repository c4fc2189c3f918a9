// The camera as a ticket scanner: switched on and off by staff, stopped when the page goes.
import { useEffect, useRef, useState } from 'react';
import { startCamera, type TCamera } from './camera-scanner';

export function useCamera(onText: (text: string) => void) {
  const [camera, setCamera] = useState<TCamera | null>(null);
  const [cameraError, setCameraError] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);

  async function toggleCamera() {
    if (camera) {
      camera.stop();
      setCamera(null);
      return;
    }
    setCameraError(null);
    try {
      setCamera(await startCamera(video.current!, onText));
    } catch (err) {
      setCameraError(err instanceof Error ? err.message : String(err));
    }
  }
  useEffect(() => () => camera?.stop(), [camera]);

  return { camera, cameraError, video, toggleCamera };
}
