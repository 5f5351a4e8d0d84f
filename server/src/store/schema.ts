/**
 * Table types. Timestamps are ISO 8601 UTC strings in both dialects (they sort as text and read
 * back identically); JSON is text. Booleans are 0/1 integers (SQLite has no boolean).
 */
export interface DB {
  meta: { key: string; value: string };
  counters: { name: string; value: number };
  /** `name_en` (migration 0010): the English name, null when the district gives none; so for communities and grids. */
  streets: { code: string; name: string; name_en: string | null };
  communities: { code: string; name: string; name_en: string | null; street_code: string };
  grids: {
    code: string;
    name: string;
    name_en: string | null;
    community_code: string;
    street_code: string;
    chief: string;
    polygon: string;
    /** When a re-imported map dropped the grid (migration 0006); null while it is on the map. */
    retired_at: string | null;
  };
  staff: { id: string; grid_code: string; post: string; name: string; phone: string };
  /** English and short names (migration 0010), null when the district gives none. */
  departments: { code: string; name: string; name_en: string | null; short_name: string | null; short_name_en: string | null };
  case_classes: {
    code: string;
    kind: string;
    major: string;
    name: string;
    department_code: string;
    limit_value: number;
    limit_unit: string;
    urgent: number;
    /** The check time limit (migration 0008); null: the default. */
    check_limit_value: number | null;
    check_limit_unit: string | null;
    /** English names of the class and its major class (migration 0010); null: none given. */
    name_en: string | null;
    major_en: string | null;
  };
  users: {
    id: string;
    username: string;
    display_name: string;
    role: string;
    password_hash: string;
    department_code: string | null;
    street_code: string | null;
    grid_codes: string;
    // Migration 0007_accounts: administration.
    disabled_at: string | null;
    must_change_password: number;
    created_at: string | null;
    updated_at: string | null;
    last_sign_in_at: string | null;
    version: number;
    password_vetted: number;
  };
  /** `kind` 'user' has `user_id`, 'display' has `display_id` (migration 0007). */
  sessions: {
    id: string;
    kind: string;
    user_id: string | null;
    display_id: string | null;
    created_at: string;
    expires_at: string;
    last_seen_at: string;
  };
  display_devices: {
    id: string;
    name: string;
    token_hash: string | null;
    enroll_expires_at: string;
    created_by: string;
    created_by_name: string;
    created_at: string;
    enrolled_at: string | null;
    last_seen_at: string | null;
    revoked_at: string | null;
  };
  /** Append-only; `details` is JSON. */
  audit_log: {
    id: number;
    at: string;
    actor_id: string;
    actor_name: string;
    action: string;
    target_kind: string;
    target_id: string;
    details: string;
  };
  incidents: {
    id: string;
    version: number;
    status: string;
    category_code: string;
    grid_code: string;
    community_code: string;
    street_code: string;
    lead_dept: string | null;
    /** Lead and assisting departments as `|a|b|`, for scope filters. */
    depts: string;
    reporter_id: string | null;
    registered_at: string | null;
    dispatched_at: string | null;
    handled_at: string | null;
    closed_at: string | null;
    /** When the case was parked, while it is (挂账: out of the on-time denominator). */
    parked_since: string | null;
    feedback_count: number;
    rework_count: number;
    return_count: number;
    extension_count: number;
    /** Working ms from dispatch to feedback. */
    handling_ms: number | null;
    reported_at: string;
    updated_at: string;
    deadline: string | null;
    /** The deadline the case missed, never cleared (migration 0009); null: never late. */
    late_at: string | null;
    /** 案卷号 `YYYY-NNNNNN`, unique (migration 0008); null never after the migration. */
    case_no: string | null;
    /** Where the problem is, WGS 84 degrees (migration 0011; the duplicate check's box). */
    lng: number | null;
    lat: number | null;
    /** The checker the desk named (migration 0008). */
    checker_id: string | null;
    /** When the waiting on-site check falls due (migration 0008). */
    check_due_at: string | null;
    data: string;
  };
  photos: {
    id: string;
    uploader_id: string;
    incident_id: string | null;
    content_type: string;
    size: number;
    sha256: string;
    created_at: string;
    bytes: Buffer;
  };
  events: {
    seq: number;
    kind: string;
    at: string;
    actor_id: string;
    incident_id: string;
    payload: string;
  };
  // Field work (migration 0003_patrols); `data` holds the whole record as JSON.
  patrols: { id: string; user_id: string; day: string; status: string; started_at: string; updated_at: string; data: string };
  patrol_points: { patrol_id: string; t: string; lng: number; lat: number; acc: number | null };
  daily_reports: { id: string; user_id: string; day: string; submitted_at: string; late: number; data: string };
  sightings: { id: string; incident_id: string; user_id: string; at: string; data: string };
  // Systems with an API key, and what Open311 keeps beside its cases (migration 0013).
  api_clients: { id: string; kind: string; name: string; key_hash: string; created_at: string; revoked_at: string | null };
  open311_requests: {
    incident_id: string;
    client_id: string;
    client_ref: string | null;
    token: string;
    contact: string;
    description: string;
    media_url: string | null;
    created_at: string;
  };
}
