// The door scanner at /door: staff scan ticket QRs with the camera (or a handheld scanner that types
// into the code field), see a big green or red answer with the seat, hear it, and keep count.
// Offline, the door judges tickets itself from its door pack and syncs its scans when back.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Spinner } from '../components/layout';
import { StaffSignIn } from '../manager/staff-sign-in';
import { problem } from '../manager/problem';
import { useTRPC } from '../trpc';
import { DoorScanner } from './door-scanner';
import { DoorSetup } from './door-setup';
import { DOOR_KEY, isOffline } from './door-storage';

export default function DoorApp() {
  const trpc = useTRPC();
  const me = useQuery(trpc.manager.me.queryOptions(undefined, { staleTime: 60_000 }));
  const [door, setDoor] = useState(() => localStorage.getItem(DOOR_KEY) ?? '');
  const [editing, setEditing] = useState(!door);
  if (me.isPending) return <Spinner label="Loading…" />;
  if (me.error && !isOffline(me.error))
    return (
      <p className="notice notice-error" role="alert">
        {problem(me.error)}
      </p>
    );
  if (!me.error && !me.data) return <StaffSignIn title="Door sign-in" />;
  if (editing) {
    return (
      <DoorSetup
        door={door}
        onChange={setDoor}
        onStart={() => {
          localStorage.setItem(DOOR_KEY, door.trim());
          setEditing(false);
        }}
      />
    );
  }
  return <DoorScanner door={door.trim()} onChangeDoor={() => setEditing(true)} />;
}
