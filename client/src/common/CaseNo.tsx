import type { Incident } from '@streetchief/shared/domain/incident';
import './caseNo.css';

/**
 * The case number (案卷号) as every screen shows it, in a fixed-width face so a column of numbers
 * lines up and a dispatcher can read one out over the phone. Nothing for an event logged before
 * cases had numbers.
 */
export function CaseNo({ incident, className = '' }: { incident: Pick<Incident, 'caseNo'>; className?: string }) {
  if (!incident.caseNo) return null;
  return (
    <span className={`case-no ${className}`.trim()} data-testid="case-no">
      {incident.caseNo}
    </span>
  );
}
