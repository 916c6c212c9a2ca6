// Email and password inputs shared by the sign-in and set-up forms: labelled, with the browser's own
// password manager hints.
export function CredentialsFields({ newPassword = false }: { newPassword?: boolean }) {
  const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none";
  return (
    <>
      <label className="block text-sm font-medium">
        Email
        <input name="email" type="email" required autoComplete={newPassword ? "email" : "username"} className={input} />
      </label>
      <label className="block text-sm font-medium">
        Password
        <input name="password" type="password" required minLength={8} maxLength={128} autoComplete={newPassword ? "new-password" : "current-password"} className={input} aria-describedby={newPassword ? "password-rule" : undefined} />
        {newPassword ? <span id="password-rule" className="mt-1 block text-xs font-normal text-slate-500">At least 8 characters, and not one of the common passwords. Long phrases are best.</span> : null}
      </label>
    </>
  );
}
