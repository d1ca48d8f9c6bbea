import type { Metadata } from 'next';
import { SignInPage } from '@matrix/product-ui';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignIn({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  return <SignInPage productName="Support Chatbot" next={typeof next === 'string' ? next : null} />;
}
