/**
 * The markup of Jira's and Confluence's login pages (AUI 10 classes and structure, the login form
 * replaced by an empty `#login-slot` for `<ipsafezone-login>`), and where AUI's real stylesheet lies
 * in node_modules: shared by the browser test of the widget in AUI pages
 * (test/widget/aui-page.test.ts) and the screenshots of it (test/e2e/screenshots.test.ts).
 */

/** AUI 10's full stylesheet, under the repository root (the test dev server serves it there). */
export const AUI_CSS = 'node_modules/@atlassian/aui/dist/aui/aui-prototyping.css';

/** The body of Jira 10's login.jsp, the login form replaced by `#login-slot`. */
const JIRA = `
<div id="page">
  <header id="header" role="banner">
    <nav class="aui-header aui-dropdown2-trigger-group" aria-label="Site">
      <div class="aui-header-inner"><div class="aui-header-primary">
        <span id="logo" class="aui-header-logo aui-header-logo-custom"><a href="#">Jira</a></span>
      </div></div>
    </nav>
  </header>
  <div id="content">
    <div class="aui-page-panel"><div class="aui-page-panel-inner">
      <section class="aui-page-panel-content">
        <div class="aui-page-header"><div class="aui-page-header-inner"><div class="aui-page-header-main">
          <h1>Log in</h1>
        </div></div></div>
        <div class="aui-message aui-message-info"><p>Sign in with your company account.</p></div>
        <div id="login-slot" class="login-form-container"></div>
      </section>
    </div></div>
  </div>
  <footer id="footer" role="contentinfo"><section class="footer-body"><p>Atlassian Jira</p></section></footer>
</div>`;

/** The body of Confluence 9's login.action, the login form replaced by `#login-slot`, and an
 * unrelated AUI form beside it (the element must not be nested in one). */
const CONFLUENCE = `
<div id="page"><div id="full-height-container">
  <header id="header" role="banner">
    <nav class="aui-header aui-dropdown2-trigger-group" aria-label="Site">
      <div class="aui-header-inner"><div class="aui-header-primary">
        <span class="aui-header-logo aui-header-logo-confluence"><a href="#">Confluence</a></span>
      </div></div>
    </nav>
  </header>
  <div id="main" class="aui-page-panel">
    <div id="main-header"><h1 id="title-heading" class="pagetitle"><span id="title-text">Log in</span></h1></div>
    <div id="content" class="login-content">
      <div id="login-slot"></div>
      <form class="aui" action="#"><div class="field-group">
        <label for="other">Unrelated AUI field</label><input class="text" id="other" />
      </div></form>
    </div>
  </div>
</div></div>`;

/** Each product's login page body with the `<body>` id and classes Jira and Confluence give it. */
export const ATLASSIAN_LOGIN_PAGES = {
  jira: { body: JIRA, bodyId: 'jira', bodyClass: 'aui-layout aui-theme-default page-type-login' },
  confluence: {
    body: CONFLUENCE,
    bodyId: 'com-atlassian-confluence',
    bodyClass: 'login aui-layout aui-theme-default',
  },
};
