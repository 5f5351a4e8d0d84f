import { z } from 'zod';

/** 部件 (components: things) and 事件 (events: happenings), the two kinds of the national practice. */
export const CASE_KINDS = ['component', 'event'] as const;
export const CaseKindSchema = z.enum(CASE_KINDS);
export type CaseKind = z.infer<typeof CaseKindSchema>;

export const TimeLimitSchema = z.object({
  value: z.number().int().positive(),
  unit: z.enum(['hours', 'days']),
});
/** A handling time limit counted in working hours or working days. */
export type TimeLimit = z.infer<typeof TimeLimitSchema>;

export const CaseClassSchema = z.object({
  /** Minor-class code, e.g. `E0101`; also the Open311 service_code. */
  code: z.string().regex(/^[A-Z]\d{4}$/),
  kind: CaseKindSchema,
  /** Major class (大类), e.g. 市容环境. */
  major: z.string(),
  /** The major class in English, e.g. `Streetscape and sanitation`; absent: English screens show `major`. */
  majorEn: z.string().optional(),
  /** Minor class (小类), e.g. 暴露垃圾. */
  name: z.string(),
  /** The minor class in English, e.g. `Exposed rubbish`; absent: English screens show `name`. */
  nameEn: z.string().optional(),
  departmentCode: z.string(),
  timeLimit: TimeLimitSchema,
  /**
   * How long the on-site check (核查) may take after the feedback, in working time; absent means
   * {@link DEFAULT_CHECK_LIMIT}.
   */
  checkLimit: TimeLimitSchema.optional(),
  urgent: z.boolean(),
});
export type CaseClass = z.infer<typeof CaseClassSchema>;

/** The check time limit of a class that names none: one working day. */
export const DEFAULT_CHECK_LIMIT: TimeLimit = { value: 1, unit: 'days' };

/** The class's check time limit, or the default. */
export function checkLimitOf(cls: Pick<CaseClass, 'checkLimit'>): TimeLimit {
  return cls.checkLimit ?? DEFAULT_CHECK_LIMIT;
}
