import { z } from 'zod';

/** The envelope's orderId of a message about one order, and of one about none. */
export const orderIdSchema = z.uuid();
export const noOrderSchema = z.null();

export const skuSchema = z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,63}$/);
export const currencySchema = z.string().regex(/^[A-Z]{3}$/);
export const centsSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const orderLineSchema = z.object({
  sku: skuSchema,
  quantity: z.number().int().min(1).max(100),
});
export type OrderLine = z.infer<typeof orderLineSchema>;

export const shippingAddressSchema = z.object({
  name: z.string().min(1).max(200),
  line1: z.string().min(1).max(200),
  line2: z.string().max(200).optional(),
  city: z.string().min(1).max(100),
  postalCode: z.string().min(1).max(20),
  country: z.string().regex(/^[A-Z]{2}$/),
});
export type ShippingAddress = z.infer<typeof shippingAddressSchema>;

/**
 * A field of personal data sealed for the one consumer that reads it (AES-256-GCM, see
 * @conveyor/field-encryption and docs/personal-data.md): `v1.<key id>.<iv>.<ciphertext+tag>`,
 * base64url parts. Every other hop carries it unchanged.
 */
export const encryptedFieldSchema = z
  .string()
  .max(8192)
  .regex(/^v1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{23,}$/, {
    message: 'expected an encrypted field v1.<kid>.<iv>.<ciphertext>',
  });
export type EncryptedField = z.infer<typeof encryptedFieldSchema>;

export const shipmentSchema = z.object({
  carrier: z.string().min(1).max(50),
  trackingNumber: z.string().min(1).max(100),
});
export type Shipment = z.infer<typeof shipmentSchema>;
