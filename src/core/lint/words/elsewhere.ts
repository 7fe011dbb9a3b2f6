/**
 * Places other than the chat, in the nine languages: "confirm your CPF in the app", "update your password on our
 * website" asks for nothing over WhatsApp (sensitive-data leaves such a sentence alone).
 */
export const ELSEWHERE_TERMS: readonly string[] = [
  // en
  'in the app', 'in our app', 'in your app', 'on our website', 'on the website', 'on our site', 'in your account', 'online banking', 'at the branch', 'in store',
  // de
  'in der app', 'in unserer app', 'auf unserer website', 'auf unserer webseite', 'im kundenkonto', 'im kundenportal', 'im onlinebanking', 'in der filiale',
  // es
  'en la app', 'en nuestra app', 'en la aplicación', 'en nuestra web', 'en nuestro sitio', 'en tu cuenta', 'en la sucursal',
  // pt
  'no app', 'no aplicativo', 'no nosso app', 'no site', 'no nosso site', 'na sua conta', 'na agência',
  // fr
  "dans l'application", "dans l'appli", 'sur notre site', 'dans votre espace client', 'en agence',
  // it
  "nell'app", "nell'applicazione", 'sul nostro sito', 'nella tua area personale', 'in filiale',
  // id
  'di aplikasi', 'di situs', 'di website', 'di kantor cabang',
  // tr
  'uygulamada', 'uygulamadan', 'uygulamamızda', 'web sitemizde', 'şubede',
  // zh
  'app内', 'App内', '应用内', '應用程式內', '官网', '官網',
];
