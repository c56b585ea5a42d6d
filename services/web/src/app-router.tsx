import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { RequireSession } from './auth/require-session';
import { HOME_PATH, INVITATION_PATH, LOGIN_PATH, PASSWORD_RESET_PATH, SIGN_UP_PATH } from './routes';

const LoginPage = lazy(() => import('./auth/login-page').then((m) => ({ default: m.LoginPage })));
const SignUpPage = lazy(() => import('./auth/sign-up-page').then((m) => ({ default: m.SignUpPage })));
const PasswordResetPage = lazy(() => import('./auth/password-reset-page').then((m) => ({ default: m.PasswordResetPage })));
const InvitationPage = lazy(() => import('./auth/invitation-page').then((m) => ({ default: m.InvitationPage })));
const AppShell = lazy(() => import('./shell/app-shell').then((m) => ({ default: m.AppShell })));
const CatalogLayout = lazy(() => import('./catalog/catalog-layout').then((m) => ({ default: m.CatalogLayout })));
const ProductsPage = lazy(() => import('./catalog/products/products-page').then((m) => ({ default: m.ProductsPage })));
const CategoriesPage = lazy(() => import('./catalog/categories/categories-page').then((m) => ({ default: m.CategoriesPage })));
const UnitsPage = lazy(() => import('./catalog/units/units-page').then((m) => ({ default: m.UnitsPage })));
const JournalsLayout = lazy(() => import('./journals/journals-layout').then((m) => ({ default: m.JournalsLayout })));
const SalesPage = lazy(() => import('./journals/sales/sales-page').then((m) => ({ default: m.SalesPage })));
const TransactionsPage = lazy(() => import('./journals/transactions/transactions-page').then((m) => ({ default: m.TransactionsPage })));
const SettingsLayout = lazy(() => import('./settings/settings-layout').then((m) => ({ default: m.SettingsLayout })));
const LegalEntitiesPage = lazy(() => import('./settings/legal-entities/legal-entities-page').then((m) => ({ default: m.LegalEntitiesPage })));
const SalesPointsPage = lazy(() => import('./settings/sales-points/sales-points-page').then((m) => ({ default: m.SalesPointsPage })));
const SalesPointPage = lazy(() => import('./settings/sales-points/sales-point-page').then((m) => ({ default: m.SalesPointPage })));
const EmployeesPage = lazy(() => import('./settings/employees/employees-page').then((m) => ({ default: m.EmployeesPage })));
const WorkplacesPage = lazy(() => import('./settings/workplaces/workplaces-page').then((m) => ({ default: m.WorkplacesPage })));
const PosEquipmentPage = lazy(() => import('./settings/pos-equipment/pos-equipment-page').then((m) => ({ default: m.PosEquipmentPage })));
const ProfilePage = lazy(() => import('./settings/profile-page').then((m) => ({ default: m.ProfilePage })));

export const router = createBrowserRouter([
  { path: LOGIN_PATH, element: <LoginPage /> },
  { path: SIGN_UP_PATH, element: <SignUpPage /> },
  { path: PASSWORD_RESET_PATH, element: <PasswordResetPage /> },
  { path: INVITATION_PATH, element: <InvitationPage /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppShell />
      </RequireSession>
    ),
    children: [
      { index: true, element: <Navigate to={HOME_PATH} replace /> },
      {
        path: 'catalog',
        element: <CatalogLayout />,
        children: [
          { index: true, element: <Navigate to="products" replace /> },
          { path: 'products', element: <ProductsPage /> },
          { path: 'categories', element: <CategoriesPage /> },
          { path: 'units', element: <UnitsPage /> },
        ],
      },
      {
        path: 'journals',
        element: <JournalsLayout />,
        children: [
          { index: true, element: <Navigate to="sales" replace /> },
          { path: 'sales', element: <SalesPage /> },
          { path: 'transactions', element: <TransactionsPage /> },
        ],
      },
      {
        path: 'settings',
        element: <SettingsLayout />,
        children: [
          { index: true, element: <Navigate to={HOME_PATH} replace /> },
          { path: 'profile', element: <ProfilePage /> },
          { path: 'legal-entities', element: <LegalEntitiesPage /> },
          { path: 'sales-points', element: <SalesPointsPage /> },
          { path: 'sales-points/:id', element: <SalesPointPage /> },
          { path: 'employees', element: <EmployeesPage /> },
          { path: 'workplaces', element: <WorkplacesPage /> },
          { path: 'pos-equipment', element: <PosEquipmentPage /> },
          { path: 'pos-equipment/:tab', element: <PosEquipmentPage /> },
        ],
      },
      { path: '*', element: <Navigate to={HOME_PATH} replace /> },
    ],
  },
]);
