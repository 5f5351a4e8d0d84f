import type { SessionContext } from '../auth/SessionGate.tsx';
import { DeskPage, type DeskVariant } from './DeskPage.tsx';
import { DISPATCH_QUEUES } from './queues.ts';

const DISPATCH: DeskVariant = {
  id: 'dispatch',
  roles: ['dispatcher', 'admin', 'supervisor'],
  title: 'desk.dispatchTitle',
  queues: DISPATCH_QUEUES,
  filing: true,
  exports: true,
};

/** `/dispatch`: the command centre's desk (受理、立案、派遣、延期审批、督办), and who has filed today's daily report (日报). */
export default function DispatchPage({ session }: { session: SessionContext }) {
  return <DeskPage session={session} variant={DISPATCH} />;
}
