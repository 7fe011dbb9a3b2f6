/** Names of a one-time code, in the nine languages: only AUTHENTICATION templates may deliver one (one-time-code rule). */
export const ONE_TIME_CODE_TERMS: readonly string[] = [
  // en
  'verification code', 'one-time code', 'one time code', 'one-time password', 'one time password', 'otp', 'login code', 'log-in code',
  'sign-in code', 'authentication code', '2fa code',
  // de
  'bestätigungscode', 'verifizierungscode', 'verifikationscode', 'einmalcode', 'einmalpasswort', 'einmal-passwort', 'anmeldecode', 'login-code',
  // es
  'código de verificación', 'código de un solo uso', 'contraseña de un solo uso', 'código otp',
  // pt
  'código de verificação', 'código de uso único', 'senha de uso único', 'código otp',
  // fr
  'code de vérification', 'code à usage unique', 'mot de passe à usage unique', 'code de connexion',
  // it
  'codice di verifica', 'codice monouso', 'password monouso', 'codice otp',
  // id
  'kode verifikasi', 'kode otp', 'kata sandi sekali pakai', 'kode masuk',
  // tr
  'doğrulama kodu', 'tek kullanımlık şifre', 'tek kullanımlık kod', 'giriş kodu',
  // zh
  '验证码', '驗證碼', '动态密码', '動態密碼', '一次性密码', '一次性密碼', '校验码', '校驗碼',
];
