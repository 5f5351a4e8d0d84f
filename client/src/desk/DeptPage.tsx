import type { SessionContext } from '../auth/SessionGate.tsx';
import { DeskPage, type DeskVariant } from './DeskPage.tsx';
import { DEPT_QUEUES } from './queues.ts';

const DEPT: DeskVariant = {
  id: 'dept',
  roles: ['dept_handler'],
  title: 'desk.deptTitle',
  queues: DEPT_QUEUES,
};

/** `/dept`: a department's desk (受理、回退、延期申请、处置反馈). */
export default function DeptPage({ session }: { session: SessionContext }) {
  return <DeskPage session={session} variant={DEPT} />;
}
