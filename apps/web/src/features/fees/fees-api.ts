import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ChargeResponse,
  CreateChargeRequest,
  CreateFeeScheduleRequest,
  CreatePaymentRequest,
  CreateWaiverRequest,
  FeeSchedulePage,
  FeeScheduleResponse,
  FeeSettingsRequest,
  FeeSettingsResponse,
  MatterFeesResponse,
  PaymentReceiptResponse,
  PaymentResponse,
  PovertyGuidelinePage,
  PovertyGuidelineResponse,
  PovertyRegion,
  SavePovertyGuidelineRequest,
  UpdateFeeScheduleRequest,
  VoidPaymentRequest,
  WaiverDecisionRequest,
  WaiverResponse,
} from '@haven/domain';
import { api } from '../../app/api-client';

export type MatterFees = MatterFeesResponse;
export type Charge = ChargeResponse;
export type Waiver = WaiverResponse;
export type Payment = PaymentResponse;
export type FeeSchedule = FeeScheduleResponse;
export type FeeSettings = FeeSettingsResponse;
export type PovertyGuideline = PovertyGuidelineResponse;
export type Receipt = PaymentReceiptResponse;

const matterBase = (matterId: string) => `/api/matters/${encodeURIComponent(matterId)}`;

export const feeKeys = {
  matter: (matterId: string) => ['fees', 'matter', matterId] as const,
  schedules: (activeOnly: boolean) => ['fees', 'schedules', activeOnly] as const,
  allSchedules: ['fees', 'schedules'] as const,
  settings: ['fees', 'settings'] as const,
  guidelines: ['fees', 'guidelines'] as const,
  receipt: (paymentId: string) => ['fees', 'receipt', paymentId] as const,
};

export function matterFeesOptions(matterId: string) {
  return queryOptions({
    queryKey: feeKeys.matter(matterId),
    queryFn: ({ signal }) => api<MatterFees>(`${matterBase(matterId)}/fees`, { signal }),
  });
}

/** The whole schedule: an organization offers a few dozen services at most (one page of 200). */
export function feeSchedulesOptions(activeOnly: boolean) {
  return queryOptions({
    queryKey: feeKeys.schedules(activeOnly),
    queryFn: ({ signal }) => api<FeeSchedulePage>('/api/fee-schedules', { signal, query: { limit: 200, active: activeOnly ? 'true' : undefined } }),
  });
}

export const feeSettingsOptions = queryOptions({
  queryKey: feeKeys.settings,
  queryFn: ({ signal }) => api<FeeSettings>('/api/fee-settings', { signal }),
});

export const povertyGuidelinesOptions = queryOptions({
  queryKey: feeKeys.guidelines,
  queryFn: ({ signal }) => api<PovertyGuidelinePage>('/api/poverty-guidelines', { signal, query: { limit: 200 } }),
});

export function receiptOptions(paymentId: string) {
  return queryOptions({
    queryKey: feeKeys.receipt(paymentId),
    queryFn: ({ signal }) => api<Receipt>(`/api/matter-payments/${encodeURIComponent(paymentId)}/receipt`, { signal }),
  });
}

export const feesApi = {
  charge: (matterId: string, body: z.input<typeof CreateChargeRequest>) => api<Charge>(`${matterBase(matterId)}/charges`, { method: 'POST', body }),
  requestWaiver: (matterId: string, body: z.input<typeof CreateWaiverRequest>) => api<Waiver>(`${matterBase(matterId)}/waivers`, { method: 'POST', body }),
  decideWaiver: (waiverId: string, body: z.input<typeof WaiverDecisionRequest>) =>
    api<Waiver>(`/api/fee-waivers/${encodeURIComponent(waiverId)}/decision`, { method: 'POST', body }),
  pay: (matterId: string, body: z.input<typeof CreatePaymentRequest>) => api<Payment>(`${matterBase(matterId)}/payments`, { method: 'POST', body }),
  voidPayment: (paymentId: string, body: z.input<typeof VoidPaymentRequest>) =>
    api<Payment>(`/api/matter-payments/${encodeURIComponent(paymentId)}/void`, { method: 'POST', body }),
  createSchedule: (body: z.input<typeof CreateFeeScheduleRequest>) => api<FeeSchedule>('/api/fee-schedules', { method: 'POST', body }),
  updateSchedule: (id: string, body: z.input<typeof UpdateFeeScheduleRequest>) => api<FeeSchedule>(`/api/fee-schedules/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  saveSettings: (body: z.input<typeof FeeSettingsRequest>) => api<FeeSettings>('/api/fee-settings', { method: 'PUT', body }),
  saveGuideline: (year: number, region: PovertyRegion, body: z.input<typeof SavePovertyGuidelineRequest>) =>
    api<PovertyGuideline>(`/api/poverty-guidelines/${year}/${region}`, { method: 'PUT', body }),
};
