import { useEffect, useState } from 'react';
import { useKirei } from '../../store';
import { playEpisode } from '../../player/libraryActions';
import { usePorts } from '../ports';

/** "Next: … in 8 s" at the end of an episode; it starts by itself unless cancelled. */
export function NextEpisode() {
  const ports = usePorts();
  const offer = useKirei((state) => state.nextOffer);
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!offer) return;
    const timer = window.setInterval(() => {
      const time = performance.now();
      setNow(time);
      if (time >= offer.startsAt) {
        window.clearInterval(timer);
        void playEpisode(ports, offer.episodeId);
      }
    }, 250);
    return () => window.clearInterval(timer);
  }, [offer, ports]);
  if (!offer) return null;
  const seconds = Math.max(0, Math.ceil((offer.startsAt - now) / 1000));
  return (
    <div className="next-episode" role="dialog" aria-label="Next episode" data-testid="next-episode">
      <p>
        Next: {offer.label} in {seconds} s
      </p>
      <button type="button" className="button button--primary" onClick={() => void playEpisode(ports, offer.episodeId)}>
        Play now
      </button>
      <button type="button" className="button" onClick={() => useKirei.getState().setNextOffer(null)}>
        Cancel
      </button>
    </div>
  );
}
