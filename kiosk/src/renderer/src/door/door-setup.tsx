// The first thing a door asks (and "Change door" asks again): its name, shown on its scans.
export function DoorSetup({
  door,
  onChange,
  onStart,
}: {
  door: string;
  onChange: (door: string) => void;
  onStart: () => void;
}) {
  return (
    <div className="screen manager" data-screen="door-setup">
      <header className="screen-header">
        <span className="brand">Marquee</span>
        <h1>Which door is this?</h1>
      </header>
      <main className="screen-body">
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            onStart();
          }}
        >
          <label className="field">
            <span>Door name</span>
            <input
              value={door}
              onChange={(e) => onChange(e.target.value)}
              required
              maxLength={40}
              placeholder="Door 2"
            />
          </label>
          <button type="submit" className="button button-primary">
            Start scanning
          </button>
        </form>
      </main>
    </div>
  );
}
